package dev.quell.engine;

import dev.quell.filter.Filter;

import java.util.List;

/**
 * A channel's inhibit rule ({@code /channel/inhibit/rule/*}): a new alert its {@code targetFilters} match is
 * inhibited while an active alert of the channel that its {@code sourceFilters} match, not acknowledged and seen
 * within the last {@link #SOURCE_FRESHNESS_SECONDS}, has the same values of every field in {@code equals}.
 * Inhibited, it is discarded ({@code discard}) or kept and marked like a silenced one ({@code a_m_inhibit}).
 */
public record InhibitRule(String ruleId, long channelId, int priority, String ruleName, String description,
                          Filter sourceFilters, Filter targetFilters, List<String> equals, boolean discard,
                          String status, long createdAt, long updatedAt) implements ChannelRule {
    /** How recently a source alert must have had an event to inhibit (Flashduty: 10 minutes). */
    public static final long SOURCE_FRESHNESS_SECONDS = 600;

    public InhibitRule {
        equals = List.copyOf(equals);
    }

    @Override
    public InhibitRule withStatus(String newStatus, long now) {
        return new InhibitRule(ruleId, channelId, priority, ruleName, description, sourceFilters, targetFilters,
                equals, discard, newStatus, createdAt, now);
    }

    /** The values of {@code equals}, joined: alerts pair when these are equal (an absent field counts as empty). */
    String pairingKey(Filter.Subject subject) {
        StringBuilder key = new StringBuilder();
        for (String field : equals) {
            String value = subject.value(field);
            key.append(value == null ? "" : value).append('\u0001');
        }
        return key.toString();
    }
}
