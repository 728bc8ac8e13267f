package dev.quell.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a batch of outcomes changed, folded so that each alert and incident is written once, in its
 * latest state: the unit the store commits in one transaction.
 */
public final class ChangeSet {
    private final Map<String, Alert> alerts = new LinkedHashMap<>();
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final List<StoredEvent> events = new ArrayList<>();
    private final Set<String> openedAlertIds = new HashSet<>();
    private final Set<String> openedIncidentIds = new HashSet<>();

    public void add(Outcome outcome) {
        if (outcome.kind() == Outcome.Kind.OPENED) {
            openedAlertIds.add(outcome.alert().alertId());
            openedIncidentIds.add(outcome.incident().incidentId());
        }
        if (outcome.alert() != null) {
            alerts.put(outcome.alert().alertId(), outcome.alert());
        }
        if (outcome.incident() != null) {
            incidents.put(outcome.incident().incidentId(), outcome.incident());
        }
        if (outcome.storedEvent() != null) {
            events.add(outcome.storedEvent());
        }
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

    /** Opened within this batch, so the store inserts rather than updates it. */
    public boolean isNewAlert(String alertId) {
        return openedAlertIds.contains(alertId);
    }

    public boolean isNewIncident(String incidentId) {
        return openedIncidentIds.contains(incidentId);
    }

    public boolean isEmpty() {
        return alerts.isEmpty() && incidents.isEmpty() && events.isEmpty();
    }
}
