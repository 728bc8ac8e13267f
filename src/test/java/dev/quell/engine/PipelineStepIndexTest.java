package dev.quell.engine;

import dev.quell.filter.ConditionSpec;
import dev.quell.filter.Filter;
import dev.quell.filter.InvalidFilter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine tests only the pipeline steps whose filters can match, yet ends where testing every step in order ends,
 * also when a step rewrites the title, description or severity a later step's filter reads.
 */
class PipelineStepIndexTest {
    private static final long T0 = 1_700_000_000L;
    private static final String[] KEYS = {"title", "description", "severity", "labels.cluster"};
    private static final String[] TITLES = {"raw", "t-a", "t-b", "t-ab", "[TPL]t-{{.Labels.cluster}}"};
    private static final String[] DESCRIPTIONS = {"", "d-a", "d-b"};
    private static final Severity[] SEVERITIES = {Severity.Critical, Severity.Warning, Severity.Info};
    private static final String[] CLUSTERS = {"dc-1", "dc-2", "nj"};
    /** Values filters test: the ones the steps write and events carry, as exact values, wildcards and regexes. */
    private static final String[] FORMS = {"raw", "t-a", "t-b", "t-ab", "t-*", "t-dc-?", "/^t-a/", "/b$/", "d-a",
            "d-*", "/^d-b$/", "Critical", "Warning", "Info", "/^(Critical|Info)$/", "dc-1", "dc-*", "nj", "*"};

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theEngineEndsWhereTestingEveryStepInOrderEnds(long seed) throws InvalidFilter {
        Random random = new Random(seed);
        List<PipelineRule> steps = new ArrayList<>();
        for (int s = 0; s < 1 + random.nextInt(AlertPipeline.MAX_RULES); s++) {
            steps.add(randomStep(random));
        }
        AlertPipeline pipeline = new AlertPipeline(Events.INTEGRATION, "prometheus", steps, T0, T0);
        Engine engine = new Engine(Events.countingIds());
        EngineState state = new EngineState();
        engine.applySetting(state, pipeline);
        for (int probe = 0; probe < 30; probe++) {
            Map<String, String> labels = new HashMap<>();
            if (random.nextInt(4) > 0) {
                labels.put("cluster", CLUSTERS[random.nextInt(CLUSTERS.length)]);
            }
            AlertEvent event = Events.event("probe-" + probe, SEVERITIES[random.nextInt(SEVERITIES.length)],
                    TITLES[random.nextInt(TITLES.length - 1)], DESCRIPTIONS[random.nextInt(DESCRIPTIONS.length)],
                    labels, T0);
            Object expected = throughEveryStep(pipeline, event);

            Outcome outcome = engine.apply(state, event, T0);

            Object actual = outcome.kind() == Outcome.Kind.DROPPED ? outcome.ruleId()
                    : List.of(outcome.storedEvent().title(), outcome.storedEvent().description(),
                    outcome.storedEvent().status(), outcome.storedEvent().rewrites());
            assertThat(actual).as("seed %d probe %d %s", seed, probe, event).isEqualTo(expected);
        }
    }

    /** What testing every step in order gives: the dropping step's id, or the event's fields and rewrites. */
    private static Object throughEveryStep(AlertPipeline pipeline, AlertEvent event) {
        for (int step = 0; step < pipeline.rules().size(); step++) {
            PipelineRule rule = pipeline.rules().get(step);
            String stepId = AlertPipeline.stepId(pipeline.integrationId(), step);
            if (!rule.appliesTo(event)) {
                continue;
            }
            if (rule.kind() == PipelineRule.Kind.alert_drop) {
                return stepId;
            }
            event = rule.rewrite(event, pipeline.integrationName(), stepId);
        }
        return List.of(event.title(), event.description(), event.status(), event.rewrites());
    }

    private static PipelineRule randomStep(Random random) throws InvalidFilter {
        Filter filter = randomFilter(random);
        return switch (random.nextInt(7)) {
            case 0, 1 -> new PipelineRule(PipelineRule.Kind.title_reset, filter,
                    TITLES[random.nextInt(TITLES.length)], null, Filter.MATCH_ALL, List.of());
            case 2 -> new PipelineRule(PipelineRule.Kind.description_reset, filter,
                    DESCRIPTIONS[1 + random.nextInt(DESCRIPTIONS.length - 1)], null, Filter.MATCH_ALL, List.of());
            case 3, 4, 5 -> new PipelineRule(PipelineRule.Kind.severity_reset, filter, "",
                    SEVERITIES[random.nextInt(SEVERITIES.length)], Filter.MATCH_ALL, List.of());
            default -> new PipelineRule(PipelineRule.Kind.alert_drop, filter, "", null, Filter.MATCH_ALL, List.of());
        };
    }

    /** Mostly one AND group guarded by an {@code IN}, so that the index has guards to use; sometimes anything. */
    private static Filter randomFilter(Random random) throws InvalidFilter {
        if (random.nextInt(8) == 0) {
            return Filter.MATCH_ALL;
        }
        List<List<ConditionSpec>> groups = new ArrayList<>();
        for (int g = 0; g < 1 + random.nextInt(2); g++) {
            List<ConditionSpec> group = new ArrayList<>();
            for (int c = 0; c < 1 + random.nextInt(2); c++) {
                List<String> vals = new ArrayList<>();
                for (int v = 0; v < 1 + random.nextInt(2); v++) {
                    vals.add(FORMS[random.nextInt(FORMS.length)]);
                }
                group.add(new ConditionSpec(KEYS[random.nextInt(KEYS.length)],
                        random.nextInt(6) == 0 ? "NOTIN" : "IN", vals));
            }
            groups.add(group);
        }
        return Filter.compile(groups);
    }
}
