package dev.quell.engine;

import java.util.Comparator;

/**
 * A rule of a channel that decides, before grouping, what a trigger event becomes: dropped ({@link DropRule}),
 * silenced ({@link SilenceRule}) or inhibited ({@link InhibitRule}). Each kind is tried in {@link #ORDER}: by
 * priority (lower first), then the older first.
 */
public sealed interface ChannelRule permits DropRule, SilenceRule, InhibitRule {
    String ENABLED = "enabled";
    String DISABLED = "disabled";
    Comparator<ChannelRule> ORDER = Comparator.comparingInt(ChannelRule::priority)
            .thenComparing(ChannelRule::ruleId);

    String ruleId();

    long channelId();

    int priority();

    String ruleName();

    String status();

    long createdAt();

    default boolean isEnabled() {
        return ENABLED.equals(status());
    }

    ChannelRule withStatus(String newStatus, long now);
}
