package dev.quell.engine;

import java.util.List;

/**
 * What one event did. {@code alert}, {@code incident} and {@code storedEvent} are the new states to persist,
 * each null when the event did not touch it (a repeat's alert and incident are the engine's own, counted in place, so
 * they show the latest state when read after later events; see {@link Activity}); {@code timeline} the entries it
 * wrote on the incident (why a new alert joined it, a storm threshold reached, flapping detected); {@code ruleId} the
 * rule that dropped, silenced or inhibited it.
 * {@code talliesOnly} says that, of the alert and incident it did not open, it moved only times and counters (a
 * repeat that brought no new labels, a late event, an alert joining without raising its incident's severity): the
 * store then rewrites their narrow tallies and leaves their records alone.
 */
public record Outcome(Kind kind, Alert alert, Incident incident, StoredEvent storedEvent,
                      List<TimelineEntry> timeline, String ruleId, boolean talliesOnly) {

    Outcome(Kind kind, Alert alert, Incident incident, StoredEvent storedEvent, List<TimelineEntry> timeline) {
        this(kind, alert, incident, storedEvent, timeline, null, false);
    }

    Outcome(Kind kind, Alert alert, Incident incident, StoredEvent storedEvent) {
        this(kind, alert, incident, storedEvent, List.of());
    }

    public enum Kind {
        /** A trigger with no active alert for its key opened one, and an incident for it. */
        OPENED,
        /** A trigger with no active alert for its key opened one, which joined an open incident by grouping. */
        JOINED,
        /** A trigger changed the active alert's status, title or description. */
        UPDATED,
        /** A trigger repeated what the alert already shows: counted, labels and times refreshed, not stored. */
        REPEATED,
        /** An Ok closed the active alert. */
        RECOVERED,
        /** Older than what the alert already saw: counted, state left as it was. */
        STALE,
        /** An Ok for a key with no active alert, or a trigger older than that key's last recovery. */
        NOTHING_TO_DO,
        /** A trigger a drop rule (or a discarding silence or inhibit rule) caught: counted under the rule. */
        DROPPED
    }

    static Outcome droppedBy(String ruleId) {
        return new Outcome(Kind.DROPPED, null, null, null, List.of(), ruleId, false);
    }

    /** This outcome, caught by a keeping rule: the entry saying so (if any) added to its timeline. */
    Outcome silencedBy(String markingRuleId, TimelineEntry entry) {
        List<TimelineEntry> entries = new java.util.ArrayList<>(timeline);
        if (entry != null) {
            entries.add(entry);
        }
        return new Outcome(kind, alert, incident, storedEvent, entries, markingRuleId, false);
    }

    static Outcome nothingToDo() {
        return new Outcome(Kind.NOTHING_TO_DO, null, null, null);
    }
}
