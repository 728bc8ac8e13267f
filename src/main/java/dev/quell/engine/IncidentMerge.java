package dev.quell.engine;

import java.util.List;

/**
 * Merges incidents into one: the sources' alerts move to the target, which counts them; the sources close.
 * {@code title}, when not null, renames the target; {@code comment} is kept on the timeline.
 */
public record IncidentMerge(String targetId, List<String> sourceIds, String title, String comment, String actor)
        implements Input {

    /** Every incident the merge names: the sources and the target. */
    public List<String> namedIds() {
        List<String> named = new java.util.ArrayList<>(sourceIds);
        named.add(targetId);
        return named;
    }
}
