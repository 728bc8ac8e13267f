package dev.quell.engine;

import java.util.Map;

/**
 * One line of an incident's timeline: what happened ({@code type}, Flashduty's names such as {@code i_ack}), who
 * did it ({@code actor}: {@code system} or {@code api}) and the details.
 */
public record TimelineEntry(String entryId, String incidentId, String type, String actor,
                            Map<String, String> detail, long createdAt) {
    public static final String SYSTEM = "system";

    /**
     * The entry that opens every timeline ({@code i_new}): it is not stored but made from the incident itself, naming
     * the alert that opened it and, under rule-based grouping, the key its alerts share.
     */
    public static TimelineEntry opening(Incident incident) {
        Map<String, String> detail = new java.util.LinkedHashMap<>();
        if (!incident.firstAlertId().isEmpty()) {
            detail.put("alert_id", incident.firstAlertId());
            detail.put("group_method", incident.groupMethod().name());
            if (!incident.dedupKey().isEmpty()) {
                detail.put("dedup_key", incident.dedupKey());
            }
        }
        return new TimelineEntry(incident.incidentId(), incident.incidentId(), "i_new", SYSTEM, detail,
                incident.createdAt());
    }
}
