package dev.quell.engine;

/**
 * Decides what an event does to the alerts and incidents. Pure: no I/O, no clock (time comes in as
 * {@code now}), no threads; new ids come from the injected {@link IdSource}. It changes the {@link EngineState}
 * it is given and returns the new records for the store to keep.
 *
 * <p>Grouping is off here: each new alert opens its own incident, which follows its alert's severity and
 * closes when the alert recovers.
 */
public final class Engine {
    /** How long a recovery is remembered to tell a late trigger from a new one. */
    public static final long DEFAULT_RECOVERY_MEMORY_SECONDS = 24 * 3600;

    private final IdSource ids;
    private final long recoveryMemorySeconds;

    public Engine(IdSource ids, long recoveryMemorySeconds) {
        this.ids = ids;
        this.recoveryMemorySeconds = recoveryMemorySeconds;
    }

    public Engine(IdSource ids) {
        this(ids, DEFAULT_RECOVERY_MEMORY_SECONDS);
    }

    public long recoveryMemorySeconds() {
        return recoveryMemorySeconds;
    }

    public Outcome apply(EngineState state, AlertEvent event, long now) {
        state.forgetRecoveriesSeenBefore(now - recoveryMemorySeconds);
        Alert active = state.activeAlert(event.key());
        if (active == null) {
            if (!event.status().isTrigger() || isLateForLastRecovery(state, event)) {
                return Outcome.nothingToDo();
            }
            return open(state, event, now);
        }
        if (event.eventTime() < active.lastTime()) {
            return stale(state, active, event, now);
        }
        if (event.status().isTrigger()) {
            return active.isRepeatOf(event) ? repeat(state, active, event, now) : update(state, active, event, now);
        }
        return recover(state, active, event, now);
    }

    private static boolean isLateForLastRecovery(EngineState state, AlertEvent event) {
        EngineState.Recovery recovery = state.lastRecovery(event.key());
        return recovery != null && event.eventTime() < recovery.endTime();
    }

    private Outcome open(EngineState state, AlertEvent event, long now) {
        String alertId = ids.nextId(now);
        String incidentId = ids.nextId(now);
        Alert alert = new Alert(alertId, event.channelId(), event.integrationId(), event.alertKey(), event.title(),
                event.titleRule(), event.description(), event.status(), event.status(), event.eventTime(),
                event.eventTime(), 0, 0, event.labels(), event.images(), 1, false, incidentId, now, now);
        Incident incident = Incident.openedBy(incidentId, alert, now);
        state.putActiveAlert(alert);
        state.tally(incidentId).add(alert.severity());
        state.putIncident(incident);
        return new Outcome(Outcome.Kind.OPENED, alert, incident, StoredEvent.of(ids.nextId(now), alertId, event, now));
    }

    private Outcome repeat(EngineState state, Alert active, AlertEvent event, long now) {
        Alert alert = active.withTrigger(event, now);
        state.putActiveAlert(alert);
        Incident incident = touchIncident(state, alert, now);
        return new Outcome(Outcome.Kind.REPEATED, alert, incident, null);
    }

    private Outcome update(EngineState state, Alert active, AlertEvent event, long now) {
        Alert alert = active.withTrigger(event, now);
        state.putActiveAlert(alert);
        SeverityTally tally = state.tally(alert.incidentId());
        tally.remove(active.severity());
        tally.add(alert.severity());
        Incident incident = touchIncident(state, alert, now);
        return new Outcome(Outcome.Kind.UPDATED, alert, incident, StoredEvent.of(ids.nextId(now), alert.alertId(), event, now));
    }

    private Outcome stale(EngineState state, Alert active, AlertEvent event, long now) {
        Alert alert = active.withStaleEvent(now);
        state.putActiveAlert(alert);
        Incident incident = state.openIncident(alert.incidentId());
        if (incident != null) {
            incident = incident.withEventCounted(now);
            state.putIncident(incident);
        }
        StoredEvent stored = active.isRepeatOf(event) ? null : StoredEvent.of(ids.nextId(now), alert.alertId(), event, now);
        return new Outcome(Outcome.Kind.STALE, alert, incident, stored);
    }

    private Outcome recover(EngineState state, Alert active, AlertEvent event, long now) {
        Alert alert = active.withRecovery(event, now);
        state.removeActiveAlert(alert.key());
        state.rememberRecovery(alert.key(), alert.endTime(), now);
        SeverityTally tally = state.tally(alert.incidentId());
        tally.remove(active.severity());
        Incident incident = state.openIncident(alert.incidentId());
        if (incident != null) {
            incident = tally.active() == 0
                    ? incident.recoveredAndClosed(alert, now)
                    : incident.withAlertActivity(alert, tally.loudest(), tally.active(), now);
            state.putIncident(incident);
        }
        return new Outcome(Outcome.Kind.RECOVERED, alert, incident, StoredEvent.of(ids.nextId(now), alert.alertId(), event, now));
    }

    private static Incident touchIncident(EngineState state, Alert alert, long now) {
        Incident incident = state.openIncident(alert.incidentId());
        if (incident == null) {
            return null;
        }
        SeverityTally tally = state.tally(alert.incidentId());
        Incident touched = incident.withAlertActivity(alert, tally.loudest(), tally.active(), now);
        state.putIncident(touched);
        return touched;
    }
}
