package dev.quell.engine;

import dev.quell.filter.ConditionSpec;
import dev.quell.filter.Filter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.quell.engine.Events.event;
import static dev.quell.engine.Events.ok;
import static dev.quell.engine.Events.trigger;
import static org.assertj.core.api.Assertions.assertThat;

class DropRulesTest {
    private static final long T0 = 1_700_000_000L;

    private final Engine engine = new Engine(Events.countingIds());
    private final EngineState state = new EngineState();

    private static DropRule rule(String id, int priority, String status, String key, String... vals) throws Exception {
        return new DropRule(id, Events.CHANNEL, priority, "r" + id, "", Filter.compile(List.of(List.of(
                new ConditionSpec(key, "IN", List.of(vals))))), status, T0, T0);
    }

    private void rules(DropRule... rules) {
        engine.applySetting(state, new ChannelRules(Events.CHANNEL, List.of(rules), List.of(), List.of()));
    }

    @Test
    void aMatchingTriggerIsDroppedWithNoRecordAndTheRuleNamed() throws Exception {
        rules(rule("r1", 0, ChannelRule.ENABLED, "labels.host", "test-1"));

        Outcome dropped = engine.apply(state, trigger("test-1", Severity.Critical, T0), T0);

        assertThat(dropped.kind()).isEqualTo(Outcome.Kind.DROPPED);
        assertThat(dropped.ruleId()).isEqualTo("r1");
        assertThat(dropped.alert()).isNull();
        assertThat(dropped.storedEvent()).isNull();
        assertThat(state.activeAlertCount()).isZero();
        assertThat(engine.apply(state, trigger("prod-1", Severity.Critical, T0), T0).kind())
                .isEqualTo(Outcome.Kind.OPENED);
    }

    @Test
    void aRecoveryIsNeverDropped() throws Exception {
        engine.apply(state, event("db-1", Severity.Critical, "down", "", Map.of("env", "test"), T0), T0);
        rules(rule("r1", 0, ChannelRule.ENABLED, "severity", "Critical", "Ok"));

        Outcome recovery = engine.apply(state, ok("db-1", T0 + 1), T0 + 1);

        assertThat(recovery.kind()).isEqualTo(Outcome.Kind.RECOVERED);
        assertThat(recovery.incident().isOpen()).isFalse();
    }

    @Test
    void rulesAreTriedByPriorityAndDisabledOnesAreSkipped() throws Exception {
        rules(rule("late", 5, ChannelRule.ENABLED, "severity", "Critical"),
                rule("early", 1, ChannelRule.ENABLED, "labels.host", "db-1"),
                rule("off", 0, ChannelRule.DISABLED, "labels.host", "db-1"));

        assertThat(engine.apply(state, trigger("db-1", Severity.Critical, T0), T0).ruleId()).isEqualTo("early");
        assertThat(engine.apply(state, trigger("db-2", Severity.Critical, T0), T0).ruleId()).isEqualTo("late");
        assertThat(engine.apply(state, trigger("db-2", Severity.Warning, T0), T0).kind()).isEqualTo(Outcome.Kind.OPENED);
    }

    @Test
    void rulesOfOneChannelLeaveOtherChannelsAlone() throws Exception {
        rules(rule("r1", 0, ChannelRule.ENABLED, "severity", "Critical"));
        AlertEvent elsewhere = new AlertEvent(Events.INTEGRATION, Events.CHANNEL + 1, "x", Severity.Critical, "t", "t",
                "", Map.of(), List.of(), T0);

        assertThat(engine.apply(state, elsewhere, T0).kind()).isEqualTo(Outcome.Kind.OPENED);
    }

    @Test
    void anEmptyListRemovesTheChannelsRules() throws Exception {
        rules(rule("r1", 0, ChannelRule.ENABLED, "severity", "Critical"));
        rules();

        assertThat(engine.apply(state, trigger("db-1", Severity.Critical, T0), T0).kind())
                .isEqualTo(Outcome.Kind.OPENED);
    }
}
