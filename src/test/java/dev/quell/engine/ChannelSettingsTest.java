package dev.quell.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.quell.engine.Events.ok;
import static dev.quell.engine.Events.trigger;
import static org.assertj.core.api.Assertions.assertThat;

class ChannelSettingsTest {
    private static final long T0 = 1_700_000_000L;

    private final Engine engine = new Engine(Events.countingIds());
    private final EngineState state = new EngineState();

    private void channel(long timeout, Channel.AutoResolveMode mode, boolean disableAutoClose) {
        engine.applySetting(state, new Channel(Events.CHANNEL, "c", "", Channel.ENABLED, timeout, mode,
                disableAutoClose, Grouping.OFF, Flapping.ALERT_ONLY, T0, T0));
    }

    @Test
    void withAutoCloseDisabledAnIncidentWhoseAlertsRecoveredStaysOpenWithStatusOk() {
        channel(0, Channel.AutoResolveMode.trigger, true);
        engine.apply(state, trigger("db-1", Severity.Critical, T0), T0);

        Incident after = engine.apply(state, ok("db-1", T0 + 10), T0 + 10).incident();

        assertThat(after.progress()).isEqualTo(Progress.Triggered);
        assertThat(after.status()).isEqualTo(Severity.Ok);
        assertThat(after.severity()).isEqualTo(Severity.Critical);
        assertThat(after.activeAlertCnt()).isZero();
        assertThat(state.openIncident(after.incidentId())).isNotNull();
    }

    @Test
    void triggerModeAutoResolvesCountingFromTheStart() {
        channel(600, Channel.AutoResolveMode.trigger, false);
        Incident opened = engine.apply(state, trigger("db-1", Severity.Warning, T0), T0).incident();
        engine.apply(state, trigger("db-1", Severity.Critical, T0 + 500), T0 + 500);

        assertThat(engine.passTime(state, T0 + 599).incidents()).isEmpty();
        ActionOutcome resolved = engine.passTime(state, T0 + 600);

        assertThat(resolved.incidents()).singleElement().satisfies(n -> {
            assertThat(n.incidentId()).isEqualTo(opened.incidentId());
            assertThat(n.progress()).isEqualTo(Progress.Closed);
        });
        assertThat(resolved.alerts()).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(Severity.Ok));
        assertThat(resolved.timeline()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("i_rslv");
            assertThat(e.actor()).isEqualTo(TimelineEntry.SYSTEM);
            assertThat(e.detail()).containsEntry("from", "autorslv");
        });
        assertThat(state.activeAlertCount()).isZero();
    }

    @Test
    void updateModeCountsFromTheLastAlertActivity() {
        channel(600, Channel.AutoResolveMode.update, false);
        engine.apply(state, trigger("db-1", Severity.Warning, T0), T0);
        engine.apply(state, trigger("db-1", Severity.Critical, T0 + 500), T0 + 500);

        assertThat(engine.passTime(state, T0 + 1000).incidents()).isEmpty();
        assertThat(engine.passTime(state, T0 + 1100).incidents()).hasSize(1);
    }

    @Test
    void incidentsOfOtherChannelsAreLeftAlone() {
        channel(60, Channel.AutoResolveMode.trigger, false);
        AlertEvent elsewhere = new AlertEvent(1, 99, "other", Severity.Info, "t", "t", "", Map.of(), List.of(), T0);
        engine.apply(state, elsewhere, T0);

        assertThat(engine.passTime(state, T0 + 3600).incidents()).isEmpty();
    }

    @Test
    void channelSettingsSurviveARestoreOfTheState() {
        channel(0, Channel.AutoResolveMode.trigger, true);
        engine.apply(state, trigger("db-1", Severity.Critical, T0), T0);
        EngineState restored = EngineState.restore(state.activeAlerts(), state.openIncidents(), List.of(),
                List.of(new Channel(Events.CHANNEL, "c", "", Channel.ENABLED, 0, Channel.AutoResolveMode.trigger,
                        true, Grouping.OFF, Flapping.ALERT_ONLY, T0, T0)));

        assertThat(engine.apply(restored, ok("db-1", T0 + 1), T0 + 1).incident().isOpen()).isTrue();
    }
}
