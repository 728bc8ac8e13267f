package dev.quell.engine;

import java.util.List;

/**
 * How a channel gathers new alerts into incidents.
 *
 * <ul>
 *   <li>{@link GroupMethod#n}: off, one incident per alert.</li>
 *   <li>{@link GroupMethod#p} rule-based: a new alert joins the open incident whose alerts have the same values of
 *       the dimensions ({@code title}, {@code description}, {@code severity}, {@code labels.x}). {@code equals} holds
 *       up to five dimension lists, tried in order: the first list under which an open incident has the alert's
 *       values takes it. The first {@code case} whose filter matches the alert replaces {@code equals} with its own
 *       lists. {@code allEqualsRequired} (strict): an alert with an empty value in a list cannot group under it.</li>
 *   <li>{@link GroupMethod#i} intelligent: a new alert joins the open incident whose first alert is most similar to it
 *       over {@code similarityKeys} (see {@link SimilarityIndex}), when the score reaches {@code scoreThreshold}.</li>
 * </ul>
 *
 * <p>The window: 0 minutes = an incident takes alerts until it closes; otherwise it takes them for
 * {@code windowMinutes} counted from its opening ({@code tumbling}) or from the last alert that joined
 * ({@code sliding}). Times are the server's processing times, not the monitors' event times, so a monitor with a
 * skewed clock cannot hold a window open. {@code stormThresholds}: alert counts at which an incident gets an
 * {@code i_storm} entry.
 */
public record Grouping(GroupMethod method, List<List<String>> equals, List<GroupCase> cases,
                       boolean allEqualsRequired, int windowMinutes, WindowType windowType,
                       List<Integer> stormThresholds, List<String> similarityKeys, double scoreThreshold) {

    public enum WindowType { tumbling, sliding }

    /** At most this many alerts in one incident; the next opens a new one (Flashduty's limit). */
    public static final int MAX_ALERTS_PER_INCIDENT = 5000;
    public static final List<String> DEFAULT_SIMILARITY_KEYS =
            List.of("title", "description", "labels.service", "labels.resource");
    public static final double DEFAULT_SCORE_THRESHOLD = 0.8;

    public static final Grouping OFF = new Grouping(GroupMethod.n, List.of(), List.of(), false, 0,
            WindowType.tumbling, List.of(), DEFAULT_SIMILARITY_KEYS, DEFAULT_SCORE_THRESHOLD);

    public Grouping {
        equals = List.copyOf(equals.stream().map(List::copyOf).toList());
        cases = List.copyOf(cases);
        stormThresholds = stormThresholds.stream().sorted().distinct().toList();
        similarityKeys = List.copyOf(similarityKeys);
    }

    public boolean isOn() {
        return method != GroupMethod.n;
    }

    /** The index of the first case whose filter matches the alert, or -1 when the default {@code equals} applies. */
    int caseFor(Alert alert) {
        for (int c = 0; c < cases.size(); c++) {
            if (cases.get(c).matches(alert)) {
                return c;
            }
        }
        return -1;
    }

    /** Whether the incident may still take alerts at {@code now}: inside its window and under the cap. */
    boolean accepts(Incident incident, long now) {
        if (incident.alertCnt() >= MAX_ALERTS_PER_INCIDENT) {
            return false;
        }
        if (windowMinutes <= 0) {
            return true;
        }
        long from = windowType == WindowType.sliding ? incident.lastMergeTime() : incident.createdAt();
        return now < from + windowMinutes * 60L;
    }
}
