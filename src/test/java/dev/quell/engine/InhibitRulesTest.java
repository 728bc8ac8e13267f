package dev.quell.engine;

import dev.quell.filter.ConditionSpec;
import dev.quell.filter.Filter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.quell.engine.Events.event;
import static dev.quell.engine.Events.ok;
import static org.assertj.core.api.Assertions.assertThat;

class InhibitRulesTest {
    private static final long T0 = 1_700_000_000L;

    private final Engine engine = new Engine(Events.countingIds());
    private final EngineState state = new EngineState();

    private static Filter severity(String... values) throws Exception {
        return Filter.compile(List.of(List.of(new ConditionSpec("severity", "IN", List.of(values)))));
    }

    /** Critical alerts inhibit Warning and Info ones on the same host. */
    private void criticalInhibitsTheRestOnItsHost(boolean discard) throws Exception {
        engine.applySetting(state, new ChannelRules(Events.CHANNEL, List.of(), List.of(), List.of(new InhibitRule("i1",
                Events.CHANNEL, 0, "host down", "", severity("Critical"), severity("Warning", "Info"),
                List.of("labels.host"), discard, ChannelRule.ENABLED, T0, T0))));
    }

    private Outcome fire(String key, Severity severity, String host, long now) {
        return engine.apply(state, event(key, severity, key + " on " + host, "", Map.of("host", host), now), now);
    }

    @Test
    void aNewAlertPairedWithAnActiveSourceIsKeptAndMarked() throws Exception {
        criticalInhibitsTheRestOnItsHost(false);
        Outcome source = fire("down", Severity.Critical, "web-1", T0);

        Outcome target = fire("latency", Severity.Warning, "web-1", T0 + 60);

        assertThat(target.kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(target.ruleId()).isEqualTo("i1");
        assertThat(target.alert().everMuted()).isTrue();
        assertThat(target.incident().everMuted()).isTrue();
        assertThat(target.timeline()).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo("a_m_inhibit");
            assertThat(entry.detail()).containsEntry("source_alert_id", source.alert().alertId())
                    .containsEntry("rule_id", "i1");
        });
        assertThat(fire("latency-2", Severity.Warning, "web-2", T0 + 60).ruleId())
                .as("another host: no equal value").isNull();
        assertThat(fire("disk", Severity.Critical, "web-1", T0 + 60).ruleId()).as("not a target").isNull();
    }

    @Test
    void aDiscardingRuleDropsTheInhibitedAlert() throws Exception {
        criticalInhibitsTheRestOnItsHost(true);
        fire("down", Severity.Critical, "web-1", T0);

        Outcome target = fire("latency", Severity.Warning, "web-1", T0 + 60);

        assertThat(target.kind()).isEqualTo(Outcome.Kind.DROPPED);
        assertThat(target.ruleId()).isEqualTo("i1");
        assertThat(state.activeAlert(new AlertKey(Events.CHANNEL, Events.INTEGRATION, "latency"))).isNull();
    }

    @Test
    void aSourceInhibitsOnlyWhileActiveFreshAndUnacknowledged() throws Exception {
        criticalInhibitsTheRestOnItsHost(true);
        Outcome source = fire("down", Severity.Critical, "web-1", T0);

        assertThat(fire("a", Severity.Warning, "web-1", T0 + InhibitRule.SOURCE_FRESHNESS_SECONDS).kind())
                .isEqualTo(Outcome.Kind.DROPPED);
        assertThat(fire("b", Severity.Warning, "web-1", T0 + InhibitRule.SOURCE_FRESHNESS_SECONDS + 1).kind())
                .as("source not seen for over 10 minutes").isEqualTo(Outcome.Kind.OPENED);

        fire("down", Severity.Critical, "web-1", T0 + 1000);
        assertThat(fire("c", Severity.Warning, "web-1", T0 + 1001).kind()).as("a repeat freshens it")
                .isEqualTo(Outcome.Kind.DROPPED);

        engine.act(state, new IncidentAction(IncidentAction.Kind.ACK, List.of(source.incident().incidentId()), "api",
                Map.of()), Map.of(), T0 + 1002);
        assertThat(fire("d", Severity.Warning, "web-1", T0 + 1003).kind()).as("acknowledged")
                .isEqualTo(Outcome.Kind.OPENED);

        engine.act(state, new IncidentAction(IncidentAction.Kind.UNACK, List.of(source.incident().incidentId()),
                "api", Map.of()), Map.of(), T0 + 1004);
        engine.apply(state, ok("down", T0 + 1005), T0 + 1005);
        assertThat(fire("e", Severity.Warning, "web-1", T0 + 1006).kind()).as("recovered")
                .isEqualTo(Outcome.Kind.OPENED);
    }

    @Test
    void aSourceWhoseLabelsChangeIsFiledUnderItsNewValues() throws Exception {
        criticalInhibitsTheRestOnItsHost(true);
        fire("down", Severity.Critical, "web-1", T0);
        engine.apply(state, event("down", Severity.Critical, "down on web-1", "", Map.of("host", "web-9"), T0 + 1),
                T0 + 1);

        assertThat(fire("a", Severity.Warning, "web-1", T0 + 2).kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(fire("b", Severity.Warning, "web-9", T0 + 2).kind()).isEqualTo(Outcome.Kind.DROPPED);
    }

    @Test
    void rulesAddedLaterSeeTheAlertsAlreadyActive() throws Exception {
        fire("down", Severity.Critical, "web-1", T0);
        criticalInhibitsTheRestOnItsHost(true);

        assertThat(fire("latency", Severity.Warning, "web-1", T0 + 1).kind()).isEqualTo(Outcome.Kind.DROPPED);
    }

    @Test
    void onlyNewAlertsAreInhibited() throws Exception {
        fire("latency", Severity.Warning, "web-1", T0);
        criticalInhibitsTheRestOnItsHost(true);
        fire("down", Severity.Critical, "web-1", T0 + 1);

        Outcome update = fire("latency", Severity.Info, "web-1", T0 + 2);

        assertThat(update.kind()).isEqualTo(Outcome.Kind.UPDATED);
    }
}
