package dev.quell.engine;

import java.util.List;
import java.util.Map;

/**
 * An integration's label enhancement ({@code /enrichment/*}): steps applied top to bottom to the labels of every
 * event the integration receives, before its alert pipeline, each seeing the last one's labels.
 */
public record Enrichment(long integrationId, List<EnrichRule> rules, long createdAt, long updatedAt)
        implements Input {

    public Enrichment {
        rules = List.copyOf(rules);
    }

    /** The event with its labels enhanced (the same instance when no step changed them). */
    AlertEvent apply(AlertEvent event) {
        Map<String, String> labels = event.labels();
        for (EnrichRule rule : rules) {
            labels = rule.apply(event, labels);
        }
        return labels == event.labels() ? event : event.withLabels(labels);
    }
}
