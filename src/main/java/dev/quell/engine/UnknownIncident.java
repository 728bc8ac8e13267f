package dev.quell.engine;

/** An action named an incident that does not exist; nothing was changed. */
public final class UnknownIncident extends RuntimeException {
    public UnknownIncident(String incidentId) {
        super("incident_id " + incidentId + " does not exist", null, false, false);
    }
}
