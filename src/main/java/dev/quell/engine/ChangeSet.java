package dev.quell.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a batch of outcomes changed, folded so that each alert and incident is written once, in its
 * latest state: the unit the store commits in one transaction. For each record it also says how much changed,
 * so the store can leave untouched the columns (and indexes) a repeat does not move.
 */
public final class ChangeSet {
    /** How a record has to be written. */
    public enum Write {
        /** New in this batch. */
        INSERT,
        /** Its status or progress may have moved: every column. */
        UPDATE,
        /**
         * Its progress did not move: only its severity, counters, times, labels and marks (a repeat, a late event, an
         * alert joining an incident).
         */
        REFRESH,
        /** Only its times and counters moved: what most repeats do to an alert and its incident. */
        TALLY;

        Write merge(Write other) {
            return compareTo(other) <= 0 ? this : other;
        }
    }

    private final Map<String, Alert> alerts = new LinkedHashMap<>();
    private final Map<String, Write> alertWrites = new LinkedHashMap<>();
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Map<String, Write> incidentWrites = new LinkedHashMap<>();
    private final List<StoredEvent> events = new ArrayList<>();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final Map<String, String> alertsMoved = new LinkedHashMap<>();
    private final List<String> removedIncidents = new ArrayList<>();
    private final Map<Long, Integer> eventsByHour = new java.util.TreeMap<>();
    private final Map<Long, Long> lastEventTimes = new java.util.HashMap<>();

    public void add(Outcome outcome) {
        Write alertWrite;
        Write incidentWrite;
        switch (outcome.kind()) {
            case OPENED -> {
                alertWrite = Write.INSERT;
                incidentWrite = Write.INSERT;
            }
            case JOINED -> {
                alertWrite = Write.INSERT;
                incidentWrite = Write.REFRESH;
            }
            case UPDATED -> {
                alertWrite = Write.UPDATE;
                incidentWrite = Write.REFRESH;
            }
            case RECOVERED -> {
                alertWrite = Write.UPDATE;
                incidentWrite = Write.UPDATE;
            }
            default -> {
                alertWrite = Write.REFRESH;
                incidentWrite = Write.REFRESH;
            }
        }
        if (outcome.talliesOnly()) {
            alertWrite = talliesOf(alertWrite);
            incidentWrite = talliesOf(incidentWrite);
        }
        if (outcome.alert() != null) {
            alerts.put(outcome.alert().alertId(), outcome.alert());
            alertWrites.merge(outcome.alert().alertId(), alertWrite, Write::merge);
        }
        if (outcome.incident() != null) {
            incidents.put(outcome.incident().incidentId(), outcome.incident());
            incidentWrites.merge(outcome.incident().incidentId(), incidentWrite, Write::merge);
        }
        if (outcome.storedEvent() != null) {
            events.add(outcome.storedEvent());
        }
        timeline.addAll(outcome.timeline());
    }

    private static Write talliesOf(Write write) {
        return write == Write.REFRESH ? Write.TALLY : write;
    }

    /** An action's changes: incidents it opened, incidents whose progress moved, alerts it closed or moved. */
    public void add(ActionOutcome outcome) {
        for (Incident incident : outcome.created()) {
            incidents.put(incident.incidentId(), incident);
            incidentWrites.merge(incident.incidentId(), Write.INSERT, Write::merge);
        }
        for (Incident incident : outcome.incidents()) {
            incidents.put(incident.incidentId(), incident);
            incidentWrites.merge(incident.incidentId(), Write.UPDATE, Write::merge);
        }
        for (Alert alert : outcome.alerts()) {
            alerts.put(alert.alertId(), alert);
            alertWrites.merge(alert.alertId(), Write.UPDATE, Write::merge);
        }
        timeline.addAll(outcome.timeline());
        alertsMoved.putAll(outcome.alertsMoved());
        removedIncidents.addAll(outcome.removed());
    }

    /**
     * Counts an event of the integration applied at {@code now} (Unix seconds), whatever it did: for the per-hour
     * tally, and as the time the integration last received an event.
     */
    public void countEvent(long integrationId, long now) {
        eventsByHour.merge(now / 3600, 1, Integer::sum);
        lastEventTimes.merge(integrationId, now, Math::max);
    }

    /** Events applied in this batch by hour (Unix seconds / 3600). */
    public Map<Long, Integer> eventsByHour() {
        return eventsByHour;
    }

    /** The latest time each integration with an event in this batch received one, by integration id. */
    public Map<Long, Long> lastEventTimes() {
        return lastEventTimes;
    }

    /** Incidents to delete with their alerts, events and timeline. */
    public List<String> removedIncidents() {
        return removedIncidents;
    }

    /** Source incident id to target id: every alert of the source now belongs to the target. */
    public Map<String, String> alertsMoved() {
        return alertsMoved;
    }

    public List<TimelineEntry> timeline() {
        return timeline;
    }

    public Collection<Alert> alerts() {
        return alerts.values();
    }

    public Collection<Incident> incidents() {
        return incidents.values();
    }

    public List<StoredEvent> events() {
        return events;
    }

    public Write alertWrite(String alertId) {
        return alertWrites.get(alertId);
    }

    public Write incidentWrite(String incidentId) {
        return incidentWrites.get(incidentId);
    }

    public boolean isEmpty() {
        return alerts.isEmpty() && incidents.isEmpty() && events.isEmpty() && timeline.isEmpty()
                && alertsMoved.isEmpty() && removedIncidents.isEmpty() && eventsByHour.isEmpty();
    }
}
