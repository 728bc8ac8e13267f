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

    AlertEvent withTitle(String newTitle) {
        return new AlertEvent(integrationId, channelId, alertKey, status, titleRule, newTitle, description, labels,
                images, eventTime);
    }

    AlertEvent withDescription(String newDescription) {
        return new AlertEvent(integrationId, channelId, alertKey, status, titleRule, title, newDescription, labels,
                images, eventTime);
    }

    AlertEvent withLabels(Map<String, String> newLabels) {
        return new AlertEvent(integrationId, channelId, alertKey, status, titleRule, title, description, newLabels,
                images, eventTime);
    }

    AlertEvent withStatus(Severity newStatus) {
        return new AlertEvent(integrationId, channelId, alertKey, newStatus, titleRule, title, description, labels,
                images, eventTime);
    }

    public AlertKey key() {
        return new AlertKey(integrationId, alertKey);
    }
}
