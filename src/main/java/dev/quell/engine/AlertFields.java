package dev.quell.engine;

import dev.quell.filter.Filter;

import java.util.Map;

/**
 * The fields filters, grouping dimensions and templates name, read alike from an event and from an alert:
 * {@code title}, {@code description}, {@code severity}, {@code integration_id} and {@code labels.<name>}.
 */
interface AlertFields extends Filter.Subject {
    String LABEL_PREFIX = "labels.";

    String title();

    String description();

    long integrationId();

    Map<String, String> labels();

    /** The severity the fields show: an alert's, or an event's status. */
    String severityName();

    /** The named field's value, or null when there is no such field. */
    @Override
    default String value(String key) {
        return switch (key) {
            case "title" -> title();
            case "description" -> description();
            case "severity" -> severityName();
            case "integration_id" -> Long.toString(integrationId());
            default -> key.startsWith(LABEL_PREFIX) ? labels().get(key.substring(LABEL_PREFIX.length())) : null;
        };
    }

    @Override
    default String label(String name) {
        return labels().get(name);
    }
}
