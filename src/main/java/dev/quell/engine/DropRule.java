package dev.quell.engine;

import dev.quell.filter.Filter;

/**
 * A channel's drop rule ({@code /channel/unsubscribe/rule/*}): a trigger event its filters match is discarded
 * before it reaches any alert, with no record but a count. Rules are tried by {@code priority} (lower first), the
 * first match wins; a recovery is never dropped.
 */
public record DropRule(String ruleId, long channelId, int priority, String ruleName, String description,
                       Filter filters, String status, long createdAt, long updatedAt) implements ChannelRule {

    @Override
    public DropRule withStatus(String newStatus, long now) {
        return new DropRule(ruleId, channelId, priority, ruleName, description, filters, newStatus, createdAt, now);
    }
}
