package dev.quell.engine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.quell.engine.Events.ok;
import static dev.quell.engine.Events.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineActionsTest {
    private static final long T0 = 1_700_000_000L;

    private Engine engine;
    private EngineState state;
    private Incident incident;

    @BeforeEach
    void openOneIncident() {
        engine = new Engine(Events.countingIds());
        state = new EngineState();
        incident = engine.apply(state, trigger("db-1", Severity.Critical, T0), T0).incident();
    }

    private ActionOutcome act(IncidentAction.Kind kind, Map<String, String> detail, long now) {
        return engine.act(state, new IncidentAction(kind, List.of(incident.incidentId()), "api", detail), Map.of(), now);
    }

    @Test
    void acknowledgingMovesTheIncidentToProcessingAndKeepsTheFirstAckTime() {
        ActionOutcome first = act(IncidentAction.Kind.ACK, Map.of(), T0 + 10);

        assertThat(first.incidents()).singleElement().satisfies(n -> {
            assertThat(n.progress()).isEqualTo(Progress.Processing);
            assertThat(n.ackTime()).isEqualTo(T0 + 10);
        });
        assertThat(first.timeline()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("i_ack");
            assertThat(e.actor()).isEqualTo("api");
        });
        assertThat(act(IncidentAction.Kind.ACK, Map.of(), T0 + 20).timeline())
                .as("acknowledging again changes nothing and writes nothing").isEmpty();
    }

    @Test
    void unacknowledgingReturnsItToTriggered() {
        act(IncidentAction.Kind.ACK, Map.of(), T0 + 10);

        ActionOutcome outcome = act(IncidentAction.Kind.UNACK, Map.of(), T0 + 20);

        assertThat(outcome.incidents().get(0).progress()).isEqualTo(Progress.Triggered);
        assertThat(outcome.incidents().get(0).ackTime()).isZero();
        assertThat(outcome.timeline().get(0).type()).isEqualTo("i_unack");
    }

    @Test
    void resolvingClosesTheIncidentAndItsAlertsWithTheNotes() {
        ActionOutcome outcome = act(IncidentAction.Kind.RESOLVE,
                Map.of("root_cause", "disk full", "resolution", "rotated logs"), T0 + 30);

        Incident resolved = outcome.incidents().get(0);
        assertThat(resolved.progress()).isEqualTo(Progress.Closed);
        assertThat(resolved.status()).isEqualTo(Severity.Ok);
        assertThat(resolved.closeTime()).isEqualTo(T0 + 30);
        assertThat(resolved.rootCause()).isEqualTo("disk full");
        assertThat(resolved.resolution()).isEqualTo("rotated logs");
        assertThat(outcome.alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Severity.Ok);
            assertThat(a.endTime()).isEqualTo(T0 + 30);
        });
        assertThat(state.activeAlertCount()).isZero();
        assertThat(state.openIncidentCount()).isZero();
        assertThat(outcome.timeline().get(0).detail()).containsEntry("root_cause", "disk full");
    }

    @Test
    void aTriggerAfterAResolveByHandOpensANewAlertAndIncident() {
        act(IncidentAction.Kind.RESOLVE, Map.of(), T0 + 30);

        Outcome next = engine.apply(state, trigger("db-1", Severity.Critical, T0 + 31), T0 + 31);

        assertThat(next.kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(next.incident().incidentId()).isNotEqualTo(incident.incidentId());
    }

    @Test
    void anOkAfterAResolveByHandChangesNothing() {
        act(IncidentAction.Kind.RESOLVE, Map.of(), T0 + 30);

        assertThat(engine.apply(state, ok("db-1", T0 + 40), T0 + 40).kind()).isEqualTo(Outcome.Kind.NOTHING_TO_DO);
    }

    @Test
    void reopeningAClosedIncidentMakesItTriggeredAgain() {
        Incident closed = act(IncidentAction.Kind.RESOLVE, Map.of(), T0 + 30).incidents().get(0);

        ActionOutcome outcome = engine.act(state, new IncidentAction(IncidentAction.Kind.REOPEN,
                List.of(closed.incidentId()), "api", Map.of()), Map.of(closed.incidentId(), closed), T0 + 40);

        Incident reopened = outcome.incidents().get(0);
        assertThat(reopened.progress()).isEqualTo(Progress.Triggered);
        assertThat(reopened.closeTime()).isZero();
        assertThat(reopened.endTime()).isZero();
        assertThat(state.openIncident(closed.incidentId())).isEqualTo(reopened);
        assertThat(outcome.timeline().get(0).type()).isEqualTo("i_reopen");
    }

    @Test
    void aCommentOnlyWritesATimelineEntry() {
        ActionOutcome outcome = act(IncidentAction.Kind.COMMENT, Map.of("comment", "looking"), T0 + 5);

        assertThat(outcome.incidents()).isEmpty();
        assertThat(outcome.timeline()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("i_comm");
            assertThat(e.detail()).containsEntry("comment", "looking");
        });
    }

    @Test
    void aSnoozeThatRunsOutOnAnOpenIncidentReturnsItToTriggered() {
        act(IncidentAction.Kind.ACK, Map.of(), T0 + 1);
        Incident snoozed = act(IncidentAction.Kind.SNOOZE, Map.of("minutes", "30"), T0 + 2).incidents().get(0);
        assertThat(snoozed.snoozedBefore()).isEqualTo(T0 + 2 + 1800);

        assertThat(engine.passTime(state, T0 + 1801).incidents()).as("not yet").isEmpty();
        ActionOutcome woken = engine.passTime(state, T0 + 1802);

        assertThat(woken.incidents()).singleElement().satisfies(n -> {
            assertThat(n.progress()).isEqualTo(Progress.Triggered);
            assertThat(n.snoozedBefore()).isZero();
        });
        assertThat(woken.timeline()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("i_wake");
            assertThat(e.actor()).isEqualTo(TimelineEntry.SYSTEM);
        });
        assertThat(engine.passTime(state, T0 + 5000).incidents()).as("once").isEmpty();
    }

    @Test
    void wakingByHandEndsTheSnoozeAndKeepsProgress() {
        act(IncidentAction.Kind.ACK, Map.of(), T0 + 1);
        act(IncidentAction.Kind.SNOOZE, Map.of("minutes", "30"), T0 + 2);

        Incident awake = act(IncidentAction.Kind.WAKE, Map.of(), T0 + 3).incidents().get(0);

        assertThat(awake.snoozedBefore()).isZero();
        assertThat(awake.progress()).isEqualTo(Progress.Processing);
        assertThat(engine.passTime(state, T0 + 5000).incidents()).as("the old deadline is void").isEmpty();
    }

    @Test
    void aSnoozeEndsWhenTheIncidentCloses() {
        act(IncidentAction.Kind.SNOOZE, Map.of("minutes", "30"), T0 + 2);

        engine.apply(state, ok("db-1", T0 + 10), T0 + 10);

        assertThat(engine.passTime(state, T0 + 5000).incidents()).isEmpty();
    }

    @Test
    void aSnoozeSurvivesARestoreOfTheState() {
        Incident snoozed = act(IncidentAction.Kind.SNOOZE, Map.of("minutes", "1"), T0 + 2).incidents().get(0);
        EngineState restored = EngineState.restore(state.activeAlerts(), List.of(snoozed), List.of(), List.of());

        assertThat(engine.passTime(restored, T0 + 62).incidents()).hasSize(1);
    }

    @Test
    void aResetEditsTheFieldsWithOneEntryPerChangedField() {
        ActionOutcome outcome = act(IncidentAction.Kind.RESET,
                Map.of("title", "db-1 is down", "incident_severity", "Warning", "description", ""), T0 + 5);

        Incident edited = outcome.incidents().get(0);
        assertThat(edited.title()).isEqualTo("db-1 is down");
        assertThat(edited.severity()).isEqualTo(Severity.Warning);
        assertThat(outcome.timeline()).extracting(TimelineEntry::type).containsExactly("i_r_title", "i_r_severity");
        assertThat(outcome.timeline().get(0).detail()).containsEntry("from", "cpu high on db-1")
                .containsEntry("to", "db-1 is down");
    }

    @Test
    void anEditedTitleAndSeveritySurviveARepeatOfTheAlert() {
        act(IncidentAction.Kind.RESET, Map.of("title", "renamed", "incident_severity", "Info"), T0 + 5);

        Incident after = engine.apply(state, trigger("db-1", Severity.Critical, T0 + 6), T0 + 6).incident();

        assertThat(after.title()).isEqualTo("renamed");
        assertThat(after.severity()).isEqualTo(Severity.Info);
    }

    @Test
    void mergingMovesTheSourcesActiveAlertsAndClosesTheSources() {
        Incident second = engine.apply(state, trigger("db-2", Severity.Warning, T0 + 1), T0 + 1).incident();
        engine.apply(state, trigger("db-2", Severity.Warning, T0 + 2), T0 + 2);

        ActionOutcome outcome = engine.merge(state, new IncidentMerge(incident.incidentId(),
                List.of(second.incidentId()), "databases down", "same outage", "api"), Map.of(), T0 + 5);

        Incident target = state.openIncident(incident.incidentId());
        assertThat(target.alertCnt()).isEqualTo(2);
        assertThat(target.activeAlertCnt()).isEqualTo(2);
        assertThat(target.alertEventCnt()).isEqualTo(3);
        assertThat(target.severity()).isEqualTo(Severity.Critical);
        assertThat(target.title()).isEqualTo("databases down");
        assertThat(state.openIncident(second.incidentId())).as("the source is closed").isNull();
        assertThat(outcome.alerts()).singleElement()
                .satisfies(a -> assertThat(a.incidentId()).isEqualTo(incident.incidentId()));
        assertThat(outcome.alertsMoved()).containsEntry(second.incidentId(), incident.incidentId());
        assertThat(outcome.timeline()).extracting(TimelineEntry::incidentId)
                .containsExactly(second.incidentId(), incident.incidentId());

        Outcome recovery = engine.apply(state, ok("db-2", T0 + 6), T0 + 6);
        assertThat(recovery.incident().incidentId()).as("the moved alert recovers in the target")
                .isEqualTo(incident.incidentId());
        assertThat(recovery.incident().isOpen()).isTrue();
        engine.apply(state, ok("db-1", T0 + 7), T0 + 7);
        assertThat(state.openIncident(incident.incidentId())).as("closes when all its alerts recovered").isNull();
    }

    @Test
    void mergingIntoAClosedIncidentIsRefused() {
        Incident other = engine.apply(state, trigger("db-2", Severity.Warning, T0 + 1), T0 + 1).incident();
        Incident closed = act(IncidentAction.Kind.RESOLVE, Map.of(), T0 + 2).incidents().get(0);

        assertThatThrownBy(() -> engine.merge(state, new IncidentMerge(closed.incidentId(),
                List.of(other.incidentId()), null, null, "api"), Map.of(closed.incidentId(), closed), T0 + 3))
                .isInstanceOf(ActionRefused.class).hasMessageContaining("closed");
        assertThat(state.openIncident(other.incidentId())).isNotNull();
    }

    @Test
    void removingAnIncidentDropsItAndItsActiveAlertsFromTheState() {
        ActionOutcome outcome = act(IncidentAction.Kind.REMOVE, Map.of(), T0 + 5);

        assertThat(outcome.removed()).containsExactly(incident.incidentId());
        assertThat(outcome.timeline()).isEmpty();
        assertThat(state.openIncidentCount()).isZero();
        assertThat(state.activeAlertCount()).isZero();
        assertThat(engine.apply(state, trigger("db-1", Severity.Critical, T0 + 6), T0 + 6).kind())
                .isEqualTo(Outcome.Kind.OPENED);
    }

    @Test
    void anUnknownIdRejectsTheWholeActionAndChangesNothing() {
        IncidentAction action = new IncidentAction(IncidentAction.Kind.ACK,
                List.of(incident.incidentId(), "ffffffffffffffffffffffff"), "api", Map.of());

        assertThatThrownBy(() -> engine.act(state, action, Map.of(), T0 + 5))
                .isInstanceOf(UnknownIncident.class).hasMessageContaining("ffffffffffffffffffffffff");
        assertThat(state.openIncident(incident.incidentId()).progress()).isEqualTo(Progress.Triggered);
    }
}
