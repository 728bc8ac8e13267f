package dev.quell.store;

import dev.quell.engine.Progress;
import dev.quell.engine.Severity;

import java.util.List;
import java.util.Set;

/** The filters of {@code /incident/list}; the time range applies to {@code start_time}. */
public record IncidentQuery(long startTime, long endTime, boolean asc, Set<Progress> progress,
                            Set<Severity> severities, List<Long> channelIds, List<String> incidentIds,
                            Boolean everMuted, String query, int page, int limit) {
}
