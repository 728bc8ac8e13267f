package dev.quell.engine;

import java.util.List;

/**
 * Moves alerts into an open incident by hand ({@code /alert/merge}). An incident the move leaves without alerts
 * closes. {@code title}, when not null, renames the target; {@code comment} is kept on the timeline.
 */
public record AlertMerge(List<String> alertIds, String incidentId, String title, String comment, String actor)
        implements Input {
}
