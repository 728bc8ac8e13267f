package dev.quell.engine;

/** An action named an alert that does not exist; nothing was changed. */
public final class UnknownAlert extends RuntimeException {
    public UnknownAlert(String alertId) {
        super("alert_id " + alertId + " does not exist", null, false, false);
    }
}
