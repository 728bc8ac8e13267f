package dev.quell.engine;

import java.util.List;
import java.util.Map;

/**
 * An event kept in an alert's history (exact repeats are counted on the alert instead), as the engine applied it;
 * {@code rewrites} names the enrichment and pipeline steps that changed it from what was pushed.
 */
public record StoredEvent(
        String eventId,
        String alertId,
        long channelId,
        long integrationId,
        String alertKey,
        Severity status,
        String titleRule,
        String title,
        String description,
        Map<String, String> labels,
        List<Image> images,
        long eventTime,
        long createdAt,
        List<String> rewrites) {

    static StoredEvent of(String eventId, String alertId, AlertEvent event, long now) {
        return new StoredEvent(eventId, alertId, event.channelId(), event.integrationId(), event.alertKey(),
                event.status(), event.titleRule(), event.title(), event.description(), event.labels(),
                event.images(), event.eventTime(), now, event.rewrites());
    }
}
