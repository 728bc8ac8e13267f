package dev.quell.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * An integration's alert pipeline ({@code /alert/pipeline/*}): up to 50 steps applied top to bottom to its trigger
 * events, each seeing the last one's output, before the channel's rules. Recoveries skip it.
 * {@code integrationName} feeds the templates' {@code {{.IntegrationName}}}.
 */
public record AlertPipeline(long integrationId, String integrationName, List<PipelineRule> rules, long createdAt,
                            long updatedAt) implements Setting {
    public static final int MAX_RULES = 50;

    public AlertPipeline {
        rules = List.copyOf(rules);
    }

    /** The id a step is counted and named by: the integration and the step's place, from 0. */
    public static String stepId(long integrationId, int step) {
        return "pipeline:" + integrationId + ":" + step;
    }

    /** The inhibit steps, as inhibit rules numbered by their place in the pipeline. */
    List<InhibitRule> inhibitSteps() {
        List<InhibitRule> steps = new ArrayList<>();
        for (int step = 0; step < rules.size(); step++) {
            if (rules.get(step).kind() == PipelineRule.Kind.alert_inhibit) {
                steps.add(rules.get(step).asInhibitRule(integrationId, step));
            }
        }
        return steps;
    }
}
