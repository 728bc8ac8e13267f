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
        return of(eventId, alertId, event, event.labels(), now);
    }

    /**
     * The event that opened {@code alert}, holding the alert's labels (equal to the event's, with pooled values): one
     * instance for the alert, its incident and this event, so the store writes their JSON once.
     */
    static StoredEvent opening(String eventId, Alert alert, AlertEvent event, long now) {
        return of(eventId, alert.alertId(), event, alert.labels(), now);
    }

    private static StoredEvent of(String eventId, String alertId, AlertEvent event, Map<String, String> labels,
                                  long now) {
        return new StoredEvent(eventId, alertId, event.channelId(), event.integrationId(), event.alertKey(),
                event.status(), event.titleRule(), event.title(), event.description(), labels,
                event.images(), event.eventTime(), now, event.rewrites());
    }
}
