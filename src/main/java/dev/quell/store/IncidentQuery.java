package dev.quell.store;

import dev.quell.engine.Progress;
import dev.quell.engine.Severity;

import java.util.List;
import java.util.Set;

/**
 * The filters of {@code /incident/list}; the time range applies to when the incident was created. With
 * {@code searchAfter} the page starts after that incident and {@code page} is not used.
 */
public record IncidentQuery(long startTime, long endTime, boolean asc, Set<Progress> progress,
                            Set<Severity> severities, List<Long> channelIds, List<String> incidentIds,
                            Boolean everMuted, String query, SearchAfter searchAfter, int page,
                            int limit) {
}
