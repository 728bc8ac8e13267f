package dev.quell.engine;

import java.util.Map;

/**
 * One line of an incident's timeline: what happened ({@code type}, Flashduty's names such as {@code i_ack}), who
 * did it ({@code actor}: {@code system} or {@code api}) and the details.
 */
public record TimelineEntry(String entryId, String incidentId, String type, String actor,
                            Map<String, String> detail, long createdAt) {
    public static final String SYSTEM = "system";
}
