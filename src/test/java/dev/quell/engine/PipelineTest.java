package dev.quell.engine;

import dev.quell.filter.ConditionSpec;
import dev.quell.filter.Filter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.quell.engine.Events.event;
import static dev.quell.engine.Events.ok;
import static org.assertj.core.api.Assertions.assertThat;

class PipelineTest {
    private static final long T0 = 1_700_000_000L;

    private final Engine engine = new Engine(Events.countingIds());
    private final EngineState state = new EngineState();

    private static Filter when(String key, String value) throws Exception {
        return Filter.compile(List.of(List.of(new ConditionSpec(key, "IN", List.of(value)))));
    }

    private void pipeline(PipelineRule... rules) {
        engine.applySetting(state, new AlertPipeline(Events.INTEGRATION, "prometheus", List.of(rules), T0, T0));
    }

    private static PipelineRule title(Filter filter, String text) {
        return new PipelineRule(PipelineRule.Kind.title_reset, filter, text, null, Filter.MATCH_ALL, List.of());
    }

    private static PipelineRule severity(Filter filter, Severity severity) {
        return new PipelineRule(PipelineRule.Kind.severity_reset, filter, "", severity, Filter.MATCH_ALL, List.of());
    }

    private Outcome fire(String key, Severity severity, Map<String, String> labels) {
        return engine.apply(state, event(key, severity, "raw " + key, "", labels, T0), T0);
    }

    @Test
    void stepsApplyTopToBottomEachSeeingTheLastOnesOutput() throws Exception {
        pipeline(title(Filter.MATCH_ALL, "[TPL]${host} disk full"),
                severity(when("title", "db-1 disk full"), Severity.Critical),
                new PipelineRule(PipelineRule.Kind.description_reset, when("severity", "Critical"),
                        "[TPL]page the DBA for {{.Labels.host}}", null, Filter.MATCH_ALL, List.of()));

        Outcome outcome = fire("a", Severity.Info, Map.of("host", "db-1"));
        Alert alert = outcome.alert();

        assertThat(outcome.storedEvent().rewrites()).containsExactly("pipeline:1:0 title_reset",
                "pipeline:1:1 severity_reset", "pipeline:1:2 description_reset");
        assertThat(alert.title()).isEqualTo("db-1 disk full");
        assertThat(alert.severity()).isEqualTo(Severity.Critical);
        assertThat(alert.description()).isEqualTo("page the DBA for db-1");
        Alert other = fire("b", Severity.Info, Map.of("host", "web-1")).alert();
        assertThat(other.title()).isEqualTo("web-1 disk full");
        assertThat(other.severity()).as("the second step's filter saw the new title").isEqualTo(Severity.Info);
    }

    @Test
    void aDropStepDiscardsAndLaterStepsDoNotRun() throws Exception {
        pipeline(new PipelineRule(PipelineRule.Kind.alert_drop, when("labels.env", "test"), "", null,
                Filter.MATCH_ALL, List.of()), severity(Filter.MATCH_ALL, Severity.Critical));

        Outcome dropped = fire("a", Severity.Info, Map.of("env", "test"));

        assertThat(dropped.kind()).isEqualTo(Outcome.Kind.DROPPED);
        assertThat(dropped.ruleId()).isEqualTo(AlertPipeline.stepId(Events.INTEGRATION, 0));
        assertThat(fire("b", Severity.Info, Map.of("env", "prod")).alert().severity()).isEqualTo(Severity.Critical);
    }

    @Test
    void anInhibitStepDropsAlertsPairedWithAnActiveSourceOfTheIntegration() throws Exception {
        fire("down", Severity.Critical, Map.of("host", "web-1"));
        pipeline(new PipelineRule(PipelineRule.Kind.alert_inhibit, when("severity", "Warning"), "", null,
                when("severity", "Critical"), List.of("labels.host")));

        assertThat(fire("slow", Severity.Warning, Map.of("host", "web-1")).kind()).isEqualTo(Outcome.Kind.DROPPED);
        assertThat(fire("slow-2", Severity.Warning, Map.of("host", "web-2")).kind()).isEqualTo(Outcome.Kind.OPENED);
        engine.apply(state, ok("down", T0 + 1), T0 + 1);
        assertThat(fire("slow-3", Severity.Warning, Map.of("host", "web-1")).kind()).isEqualTo(Outcome.Kind.OPENED);
    }

    @Test
    void recoveriesSkipThePipeline() throws Exception {
        fire("a", Severity.Warning, Map.of());
        pipeline(new PipelineRule(PipelineRule.Kind.alert_drop, Filter.MATCH_ALL, "", null, Filter.MATCH_ALL,
                List.of()));

        assertThat(engine.apply(state, ok("a", T0 + 1), T0 + 1).kind()).isEqualTo(Outcome.Kind.RECOVERED);
    }
}
