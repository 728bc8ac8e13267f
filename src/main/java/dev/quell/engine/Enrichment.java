package dev.quell.engine;

import java.util.List;
import java.util.Map;

/**
 * An integration's label enhancement ({@code /enrichment/*}): steps applied top to bottom to the labels of every
 * event the integration receives, before its alert pipeline, each seeing the last one's labels.
 */
public record Enrichment(long integrationId, List<EnrichRule> rules, long createdAt, long updatedAt)
        implements Setting {

    public Enrichment {
        rules = List.copyOf(rules);
    }

    /**
     * The event with its labels enhanced, each step that changed them named in its rewrites. The steps work on one
     * copy of the labels, so an event costs one copy however many steps change it.
     */
    AlertEvent apply(AlertEvent event, java.util.function.Function<String, MappingTable> tables) {
        java.util.TreeMap<String, String> labels = new java.util.TreeMap<>(event.labels());
        List<String> changedBy = new java.util.ArrayList<>();
        for (int step = 0; step < rules.size(); step++) {
            EnrichRule rule = rules.get(step);
            if (rule.applyTo(event, labels, tables)) {
                changedBy.add("enrichment:" + integrationId + ":" + step + " " + rule.kind().name());
            }
        }
        return changedBy.isEmpty() ? event
                : event.withLabels(changedBy, LabelMap.of(labels));
    }
}
