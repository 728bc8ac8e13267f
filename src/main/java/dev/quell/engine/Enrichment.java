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

    /** The event with its labels enhanced, each step that changed them named in its rewrites. */
    AlertEvent apply(AlertEvent event, java.util.function.Function<String, MappingTable> tables) {
        AlertEvent enhanced = event;
        for (int step = 0; step < rules.size(); step++) {
            EnrichRule rule = rules.get(step);
            Map<String, String> labels = rule.apply(event, enhanced.labels(), tables);
            if (labels != enhanced.labels()) {
                enhanced = enhanced.withLabels("enrichment:" + integrationId + ":" + step + " " + rule.kind().name(),
                        labels);
            }
        }
        return enhanced;
    }
}
