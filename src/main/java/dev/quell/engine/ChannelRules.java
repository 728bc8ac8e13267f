package dev.quell.engine;

import java.util.Comparator;
import java.util.List;

/**
 * Every drop and silence rule of one channel, as now stored: the writer hands the engine the whole set at each
 * change, and the engine keeps the enabled ones in the order they are tried (by priority, then the older first).
 */
public record ChannelRules(long channelId, List<DropRule> drops, List<SilenceRule> silences) implements Input {

    public ChannelRules {
        drops = drops.stream().filter(DropRule::isEnabled)
                .sorted(Comparator.comparingInt(DropRule::priority).thenComparing(DropRule::ruleId)).toList();
        silences = silences.stream().filter(SilenceRule::isEnabled)
                .sorted(Comparator.comparingInt(SilenceRule::priority).thenComparing(SilenceRule::ruleId)).toList();
    }

    boolean isEmpty() {
        return drops.isEmpty() && silences.isEmpty();
    }
}
