package dev.quell.engine;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.quell.engine.Events.event;
import static dev.quell.engine.Events.ok;
import static dev.quell.engine.Events.trigger;
import static org.assertj.core.api.Assertions.assertThat;

class EngineTest {
    private static final long T0 = 1_700_000_000L;

    private final Engine engine = new Engine(Events.countingIds());
    private final EngineState state = new EngineState();

    @Test
    void firstTriggerOpensAnAlertAndItsOwnIncident() {
        Outcome outcome = engine.apply(state, trigger("db-1", Severity.Warning, T0), T0 + 1);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.OPENED);
        Alert alert = outcome.alert();
        assertThat(alert.alertId()).matches("[0-9a-f]{24}");
        assertThat(alert.status()).isEqualTo(Severity.Warning);
        assertThat(alert.startTime()).isEqualTo(T0);
        assertThat(alert.endTime()).isZero();
        assertThat(alert.eventCnt()).isEqualTo(1);
        Incident incident = outcome.incident();
        assertThat(alert.incidentId()).isEqualTo(incident.incidentId());
        assertThat(incident.progress()).isEqualTo(Progress.Triggered);
        assertThat(incident.severity()).isEqualTo(Severity.Warning);
        assertThat(incident.title()).isEqualTo(alert.title());
        assertThat(incident.groupMethod()).isEqualTo(GroupMethod.n);
        assertThat(incident.num()).isEqualTo(incident.incidentId().substring(18).toUpperCase());
        assertThat(outcome.storedEvent()).isNotNull();
        assertThat(state.activeAlertCount()).isEqualTo(1);
        assertThat(state.openIncidentCount()).isEqualTo(1);
    }

    @Test
    void aNewAlertItsIncidentAndItsFirstEventHoldOneLabelsInstance() {
        // An earlier alert puts the value "web" in the pool, so the new alert's labels are a copy holding the pooled
        // instance rather than the pushed map itself.
        engine.apply(state, event("web-1", Severity.Warning, "t", "", Map.of("service", "web"), T0), T0);
        AlertEvent pushed = event("web-2", Severity.Warning, "t", "", Map.of("service", new String("web")), T0);

        Outcome outcome = engine.apply(state, pushed, T0 + 1);

        // One instance, so the store writes the labels' JSON once for the three rows (it caches by identity).
        assertThat(outcome.alert().labels()).isNotSameAs(pushed.labels());
        assertThat(outcome.storedEvent().labels()).isEqualTo(pushed.labels())
                .isSameAs(outcome.alert().labels()).isSameAs(outcome.incident().labels());
    }

    @Test
    void laterTriggerUpdatesSeverityTitleDescriptionAndLabels() {
        Alert opened = engine.apply(state, trigger("db-1", Severity.Warning, T0), T0).alert();

        Outcome outcome = engine.apply(state,
                event("db-1", Severity.Critical, "disk full", "95% used", Map.of("disk", "/var"), T0 + 60), T0 + 60);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.UPDATED);
        Alert alert = outcome.alert();
        assertThat(alert.alertId()).isEqualTo(opened.alertId());
        assertThat(alert.severity()).isEqualTo(Severity.Critical);
        assertThat(alert.title()).isEqualTo("disk full");
        assertThat(alert.description()).isEqualTo("95% used");
        assertThat(alert.labels()).containsExactly(Map.entry("disk", "/var"));
        assertThat(alert.lastTime()).isEqualTo(T0 + 60);
        assertThat(alert.eventCnt()).isEqualTo(2);
        assertThat(outcome.incident().severity()).isEqualTo(Severity.Critical);
        assertThat(outcome.incident().title()).as("the incident keeps its first title").isEqualTo(opened.title());
        assertThat(outcome.incident().alertEventCnt()).isEqualTo(2);
        assertThat(outcome.storedEvent()).isNotNull();
    }

    @Test
    void exactRepeatIsCountedButNotStoredAsAnEvent() {
        engine.apply(state, trigger("db-1", Severity.Warning, T0), T0);

        Outcome outcome = engine.apply(state, trigger("db-1", Severity.Warning, T0 + 30), T0 + 30);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REPEATED);
        assertThat(outcome.storedEvent()).isNull();
        assertThat(outcome.alert().eventCnt()).isEqualTo(2);
        assertThat(outcome.alert().lastTime()).isEqualTo(T0 + 30);
        assertThat(outcome.incident().alertEventCnt()).isEqualTo(2);
    }

    @Test
    void aRepeatIsCountedInPlaceOnTheAlertAndIncidentTheStateHolds() {
        Outcome opened = engine.apply(state, trigger("db-1", Severity.Warning, T0), T0);
        Alert alert = state.activeAlert(opened.alert().key());
        Incident incident = state.openIncident(alert.incidentId());

        Outcome repeat = engine.apply(state, trigger("db-1", Severity.Warning, T0 + 30), T0 + 31);

        // No new records for the garbage collector to promote: the state keeps the very instances, moved.
        assertThat(state.activeAlert(alert.key())).isSameAs(alert).isSameAs(repeat.alert());
        assertThat(state.openIncident(alert.incidentId())).isSameAs(incident).isSameAs(repeat.incident());
        assertThat(repeat.talliesOnly()).isTrue();
        assertThat(alert.activity()).isEqualTo(new Activity(T0 + 30, 2, T0 + 31));
        assertThat(incident.activity()).isEqualTo(new Activity(T0 + 30, 2, T0 + 31));
    }

    @Test
    void aRepeatWithNewLabelsOrANewTitleRuleMakesNewRecordsAndLeavesTheOldOnesAsTheyWere() {
        Outcome opened = engine.apply(state, event("db-1", Severity.Warning, "t", "", Map.of("a", "1"), T0), T0);

        Outcome relabelled = engine.apply(state, event("db-1", Severity.Warning, "t", "", Map.of("a", "2"), T0 + 1),
                T0 + 1);
        assertThat(relabelled.alert()).isNotSameAs(opened.alert());
        assertThat(relabelled.incident()).isNotSameAs(opened.incident());
        assertThat(opened.alert().eventCnt()).isEqualTo(1);
        assertThat(opened.incident().alertEventCnt()).isEqualTo(1);

        AlertEvent sameTitleOtherRule = new AlertEvent(relabelled.alert().integrationId(),
                relabelled.alert().channelId(), "db-1", Severity.Warning, "${other}", "t", "",
                relabelled.alert().labels(), java.util.List.of(), T0 + 2);
        Outcome reruled = engine.apply(state, sameTitleOtherRule, T0 + 2);
        assertThat(reruled.kind()).isEqualTo(Outcome.Kind.REPEATED);
        assertThat(reruled.alert()).isNotSameAs(relabelled.alert());
        assertThat(reruled.alert().titleRule()).isEqualTo("${other}");
        assertThat(relabelled.alert().eventCnt()).isEqualTo(2);
        assertThat(reruled.alert().eventCnt()).isEqualTo(3);
    }

    @Test
    void aRepeatGivesAnIncidentThatShowsOtherLabelsItsFirstAlertsInANewRecord() {
        Outcome opened = engine.apply(state, trigger("db-1", Severity.Warning, T0), T0);
        Incident i = opened.incident();
        // As an older build might have stored it: labels that are not its first alert's.
        Incident stored = new Incident(i.incidentId(), i.channelId(), i.num(), i.title(), i.description(),
                i.severity(), i.status(), i.progress(), i.startTime(), i.lastTime(), i.endTime(), i.ackTime(),
                i.closeTime(), Map.of("host", "elsewhere"), i.firstAlertId(), i.groupMethod(), i.alertCnt(),
                i.activeAlertCnt(), i.alertEventCnt(), i.everMuted(), i.createdAt(), i.updatedAt(), i.rootCause(),
                i.resolution(), i.snoozedBefore(), i.dedupKey(), i.lastMergeTime());
        EngineState restored = EngineState.restore(state.activeAlerts(), java.util.List.of(stored),
                java.util.List.of(), java.util.List.of());

        Outcome repeat = engine.apply(restored, trigger("db-1", Severity.Warning, T0 + 30), T0 + 30);

        assertThat(repeat.kind()).isEqualTo(Outcome.Kind.REPEATED);
        assertThat(repeat.incident()).isNotSameAs(stored);
        assertThat(repeat.incident().labels()).isEqualTo(opened.alert().labels());
        assertThat(repeat.incident().alertEventCnt()).isEqualTo(2);
        assertThat(repeat.talliesOnly()).isFalse();
        assertThat(stored.labels()).containsExactly(Map.entry("host", "elsewhere"));
    }

    @Test
    void repeatStillRefreshesTheAlertsLabels() {
        engine.apply(state, event("db-1", Severity.Info, "t", "d", Map.of("a", "1"), T0), T0);

        Outcome outcome = engine.apply(state, event("db-1", Severity.Info, "t", "d", Map.of("a", "2"), T0 + 1), T0 + 1);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REPEATED);
        assertThat(outcome.alert().labels()).containsExactly(Map.entry("a", "2"));
    }

    @Test
    void incidentLabelsFollowItsFirstAlertsLabels() {
        engine.apply(state, event("db-1", Severity.Warning, "t", "", Map.of("host", "a"), T0), T0);

        Outcome changed = engine.apply(state, event("db-1", Severity.Warning, "t", "", Map.of("host", "b"), T0 + 1), T0 + 1);
        assertThat(changed.incident().labels()).containsExactly(Map.entry("host", "b"));

        Outcome recovered = engine.apply(state, event("db-1", Severity.Ok, "t", "", Map.of("by", "script"), T0 + 2), T0 + 2);
        assertThat(recovered.incident().labels()).containsExactly(Map.entry("by", "script"), Map.entry("host", "b"));
    }

    @Test
    void okEventRecoversTheOpenAlertAndClosesItsIncident() {
        engine.apply(state, trigger("db-1", Severity.Critical, T0), T0);

        Outcome outcome = engine.apply(state, ok("db-1", T0 + 120), T0 + 121);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.RECOVERED);
        assertThat(outcome.alert().status()).isEqualTo(Severity.Ok);
        assertThat(outcome.alert().severity()).as("severity keeps the last trigger's").isEqualTo(Severity.Critical);
        assertThat(outcome.alert().endTime()).isEqualTo(T0 + 120);
        assertThat(outcome.alert().closeTime()).isEqualTo(T0 + 121);
        Incident incident = outcome.incident();
        assertThat(incident.progress()).isEqualTo(Progress.Closed);
        assertThat(incident.status()).isEqualTo(Severity.Ok);
        assertThat(incident.activeAlertCnt()).isZero();
        assertThat(incident.endTime()).isEqualTo(T0 + 120);
        assertThat(state.activeAlertCount()).isZero();
        assertThat(state.openIncidentCount()).isZero();
    }

    @Test
    void recoveryKeepsLabelsAndOnlyAddsNewKeys() {
        engine.apply(state, event("db-1", Severity.Warning, "t", "", Map.of("host", "a", "env", "prod"), T0), T0);

        Outcome outcome = engine.apply(state,
                event("db-1", Severity.Ok, "t", "", Map.of("host", "changed", "recovered_by", "script"), T0 + 5), T0 + 5);

        assertThat(outcome.alert().labels())
                .containsExactly(Map.entry("env", "prod"), Map.entry("host", "a"), Map.entry("recovered_by", "script"));
    }

    @Test
    void triggerAfterRecoveryOpensANewAlertAndANewIncident() {
        Outcome first = engine.apply(state, trigger("db-1", Severity.Warning, T0), T0);
        engine.apply(state, ok("db-1", T0 + 10), T0 + 10);

        Outcome again = engine.apply(state, trigger("db-1", Severity.Warning, T0 + 20), T0 + 20);

        assertThat(again.kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(again.alert().alertId()).isNotEqualTo(first.alert().alertId());
        assertThat(again.incident().incidentId()).isNotEqualTo(first.incident().incidentId());
    }

    @Test
    void okForAKeyWithNoOpenAlertChangesNothing() {
        Outcome outcome = engine.apply(state, ok("never-seen", T0), T0);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.NOTHING_TO_DO);
        assertThat(outcome.alert()).isNull();
        assertThat(outcome.incident()).isNull();
        assertThat(outcome.storedEvent()).isNull();
        assertThat(state.activeAlertCount()).isZero();
    }

    @Test
    void anOlderTriggerNeverRollsTheAlertBack() {
        engine.apply(state, trigger("db-1", Severity.Critical, T0 + 100), T0 + 100);

        Outcome outcome = engine.apply(state,
                event("db-1", Severity.Info, "old news", "from before", Map.of(), T0 + 50), T0 + 101);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.STALE);
        assertThat(outcome.alert().severity()).isEqualTo(Severity.Critical);
        assertThat(outcome.alert().title()).isEqualTo("cpu high on db-1");
        assertThat(outcome.alert().lastTime()).isEqualTo(T0 + 100);
        assertThat(outcome.alert().eventCnt()).isEqualTo(2);
        assertThat(outcome.storedEvent()).as("a different late event is kept in the history").isNotNull();
    }

    @Test
    void anOlderOkDoesNotRecoverANewerTrigger() {
        engine.apply(state, trigger("db-1", Severity.Critical, T0 + 100), T0 + 100);

        Outcome outcome = engine.apply(state, ok("db-1", T0 + 50), T0 + 101);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.STALE);
        assertThat(outcome.alert().isActive()).isTrue();
        assertThat(state.openIncidentCount()).isEqualTo(1);
    }

    @Test
    void aLateTriggerFromBeforeTheRecoveryDoesNotReopen() {
        engine.apply(state, trigger("db-1", Severity.Warning, T0), T0);
        engine.apply(state, ok("db-1", T0 + 100), T0 + 100);

        Outcome late = engine.apply(state, trigger("db-1", Severity.Warning, T0 + 90), T0 + 101);

        assertThat(late.kind()).isEqualTo(Outcome.Kind.NOTHING_TO_DO);
        assertThat(state.activeAlertCount()).isZero();
    }

    @Test
    void recoveriesAreForgottenAfterTheMemoryWindow() {
        Engine shortMemory = new Engine(Events.countingIds(), 60);
        shortMemory.apply(state, trigger("db-1", Severity.Warning, T0), T0);
        shortMemory.apply(state, ok("db-1", T0 + 100), T0 + 100);

        Outcome much_later = shortMemory.apply(state, trigger("db-1", Severity.Warning, T0 + 90), T0 + 1000);

        assertThat(much_later.kind()).isEqualTo(Outcome.Kind.OPENED);
    }

    @Test
    void alertsOfDifferentIntegrationsWithTheSameKeyAreDistinct() {
        engine.apply(state, trigger("shared-key", Severity.Warning, T0), T0);
        AlertEvent otherIntegration = new AlertEvent(2, Events.CHANNEL, "shared-key", Severity.Critical, "t", "t", "",
                Map.of(), java.util.List.of(), T0);

        Outcome outcome = engine.apply(state, otherIntegration, T0);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(state.activeAlertCount()).isEqualTo(2);
    }

    @Test
    void stateRestoredFromKeptRecordsContinuesTheSameAlert() {
        Outcome opened = engine.apply(state, trigger("db-1", Severity.Warning, T0), T0);
        EngineState restored = EngineState.restore(state.activeAlerts(), state.openIncidents(), java.util.List.of(),
                java.util.List.of());

        Outcome next = engine.apply(restored, trigger("db-1", Severity.Critical, T0 + 5), T0 + 5);

        assertThat(next.kind()).isEqualTo(Outcome.Kind.UPDATED);
        assertThat(next.alert().alertId()).isEqualTo(opened.alert().alertId());
        assertThat(next.incident().incidentId()).isEqualTo(opened.incident().incidentId());
        assertThat(next.incident().severity()).isEqualTo(Severity.Critical);
    }

    @Test
    void changeSetWritesEachRecordOnceInItsLatestState() {
        ChangeSet changes = new ChangeSet();
        changes.add(engine.apply(state, trigger("db-1", Severity.Warning, T0), T0));
        changes.add(engine.apply(state, trigger("db-1", Severity.Critical, T0 + 1), T0 + 1));
        changes.add(engine.apply(state, trigger("db-1", Severity.Critical, T0 + 2), T0 + 2));

        assertThat(changes.alerts()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.Critical);
            assertThat(a.eventCnt()).isEqualTo(3);
            assertThat(changes.alertWrite(a.alertId())).isEqualTo(ChangeSet.Write.INSERT);
        });
        assertThat(changes.incidents()).hasSize(1);
        assertThat(changes.events()).hasSize(2);
    }

    @Test
    void aRepeatThatBringsNoNewLabelsWritesOnlyTheTalliesOfItsAlertAndIncident() {
        String alertId = engine.apply(state, trigger("db-1", Severity.Warning, T0), T0).alert().alertId();

        ChangeSet repeat = new ChangeSet();
        Outcome outcome = engine.apply(state, trigger("db-1", Severity.Warning, T0 + 30), T0 + 30);
        repeat.add(outcome);
        assertThat(repeat.alertWrite(alertId)).isEqualTo(ChangeSet.Write.TALLY);
        assertThat(repeat.incidentWrite(outcome.incident().incidentId())).isEqualTo(ChangeSet.Write.TALLY);

        ChangeSet relabelled = new ChangeSet();
        relabelled.add(engine.apply(state, event("db-1", Severity.Warning, "cpu high on db-1", "",
                Map.of("host", "db-1", "disk", "/var"), T0 + 60), T0 + 60));
        assertThat(relabelled.alertWrite(alertId)).isEqualTo(ChangeSet.Write.REFRESH);
        assertThat(relabelled.incidentWrite(outcome.incident().incidentId()))
                .as("the incident shows its first alert's labels").isEqualTo(ChangeSet.Write.REFRESH);
    }
}
