package dev.quell.engine;

import java.util.List;
import java.util.Map;

/**
 * One validated, normalised event as the engine sees it: already truncated, its title rendered, its key
 * derived when the sender gave none. Labels are an unmodifiable sorted map.
 */
public record AlertEvent(
        long integrationId,
        long channelId,
        String alertKey,
        Severity status,
        String titleRule,
        String title,
        String description,
        Map<String, String> labels,
        List<Image> images,
        long eventTime) implements Input {

    public AlertKey key() {
        return new AlertKey(integrationId, alertKey);
    }
}
