package dev.quell.store;

import dev.quell.engine.Severity;

import java.util.List;
import java.util.Set;

/**
 * The filters of {@code /alert/list}. Null or empty filters match everything; the time range applies to
 * {@code created_at}, or to {@code updated_at} when {@code byUpdatedAt}. With {@code searchAfter} the page starts
 * after that record and {@code page} is not used.
 */
public record AlertQuery(long startTime, long endTime, Boolean isActive, Boolean everMuted,
                         Set<Severity> severities, List<Long> channelIds, List<Long> integrationIds,
                         List<String> alertIds, List<String> alertKeys, boolean orderByUpdatedAt, boolean asc,
                         boolean byUpdatedAt, SearchAfter searchAfter, int page, int limit) {
}
