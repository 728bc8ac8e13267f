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

    /** The value a filter names, as {@link Alert#field} reads it; the severity is the event's status. */
    public String field(String name) {
        return switch (name) {
            case "title" -> title;
            case "description" -> description;
            case "severity" -> status.name();
            case "integration_id" -> Long.toString(integrationId);
            default -> name.startsWith("labels.") ? labels.get(name.substring("labels.".length())) : null;
        };
    }

    public AlertKey key() {
        return new AlertKey(integrationId, alertKey);
    }
}
