package dev.quell.engine;

/**
 * What one event did. {@code alert}, {@code incident} and {@code storedEvent} are the new states to persist,
 * each null when the event did not touch it.
 */
public record Outcome(Kind kind, Alert alert, Incident incident, StoredEvent storedEvent) {

    public enum Kind {
        /** A trigger with no active alert for its key opened one (and, here, an incident). */
        OPENED,
        /** A trigger changed the active alert's status, title or description. */
        UPDATED,
        /** A trigger repeated what the alert already shows: counted, labels and times refreshed, not stored. */
        REPEATED,
        /** An Ok closed the active alert. */
        RECOVERED,
        /** Older than what the alert already saw: counted, state left as it was. */
        STALE,
        /** An Ok for a key with no active alert, or a trigger older than that key's last recovery. */
        NOTHING_TO_DO
    }

    static Outcome nothingToDo() {
        return new Outcome(Kind.NOTHING_TO_DO, null, null, null);
    }
}
