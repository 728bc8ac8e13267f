package dev.quell.engine;

import java.util.List;
import java.util.Map;

/**
 * A person's (or the API's) action on one or more incidents. {@code detail} carries what the action says:
 * {@code root_cause} and {@code resolution} for a resolve, {@code comment} for a comment, {@code minutes} for a
 * snooze, the new {@code title}, {@code description}, {@code incident_severity}, {@code root_cause} or
 * {@code resolution} for a reset; it is kept in the timeline entry.
 */
public record IncidentAction(Kind kind, List<String> incidentIds, String actor, Map<String, String> detail)
        implements Input {

    public enum Kind {
        ACK("i_ack"), UNACK("i_unack"), RESOLVE("i_rslv"), REOPEN("i_reopen"), COMMENT("i_comm"),
        SNOOZE("i_snooze"), WAKE("i_wake"),
        /** Edits fields; it writes one entry per changed field (i_r_title, i_r_desc, i_r_severity, ...). */
        RESET(null),
        /** Deletes the incidents with their alerts, events and timeline: nothing is left to write an entry on. */
        REMOVE(null);

        private final String timelineType;

        Kind(String timelineType) {
            this.timelineType = timelineType;
        }

        public String timelineType() {
            return timelineType;
        }
    }
}
