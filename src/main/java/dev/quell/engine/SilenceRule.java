package dev.quell.engine;

import dev.quell.filter.Filter;

/**
 * A channel's silence rule ({@code /channel/silence/rule/*}): while its window covers the time, a trigger event its
 * filters match is either discarded ({@code discard}) or kept and marked: its alert and incident are
 * {@code ever_muted} and the incident's timeline says which rule silenced it ({@code a_m_silence}). A recovery is
 * never silenced away. {@code fromIncidentId}: the incident a quick silence was made from, else empty.
 */
public record SilenceRule(String ruleId, long channelId, int priority, String ruleName, String description,
                          Filter filters, SilenceWindow window, boolean discard, String status, String fromIncidentId,
                          long createdAt, long updatedAt) implements ChannelRule {

    @Override
    public SilenceRule withStatus(String newStatus, long now) {
        return new SilenceRule(ruleId, channelId, priority, ruleName, description, filters, window, discard,
                newStatus, fromIncidentId, createdAt, now);
    }
}
