package dev.quell.engine;

import java.util.List;

/**
 * Every drop, silence and inhibit rule of one channel, as now stored: the writer hands the engine the whole set at
 * each change, and the engine keeps the enabled ones in the order they are tried (by priority, then the older first).
 */
public record ChannelRules(long channelId, List<DropRule> drops, List<SilenceRule> silences,
                           List<InhibitRule> inhibits) implements Setting {

    public ChannelRules {
        drops = enabledInOrder(drops);
        silences = enabledInOrder(silences);
        inhibits = enabledInOrder(inhibits);
    }

    /** The rules of the channel among {@code rules}, of every kind. */
    public static ChannelRules of(long channelId, java.util.Collection<? extends ChannelRule> rules) {
        List<DropRule> drops = new java.util.ArrayList<>();
        List<SilenceRule> silences = new java.util.ArrayList<>();
        List<InhibitRule> inhibits = new java.util.ArrayList<>();
        for (ChannelRule rule : rules) {
            if (rule.channelId() != channelId) {
                continue;
            }
            if (rule instanceof DropRule drop) {
                drops.add(drop);
            } else if (rule instanceof SilenceRule silence) {
                silences.add(silence);
            } else if (rule instanceof InhibitRule inhibit) {
                inhibits.add(inhibit);
            }
        }
        return new ChannelRules(channelId, drops, silences, inhibits);
    }

    private static <T extends ChannelRule> List<T> enabledInOrder(List<T> rules) {
        return rules.stream().filter(ChannelRule::isEnabled).sorted(ChannelRule.ORDER).toList();
    }

    boolean isEmpty() {
        return drops.isEmpty() && silences.isEmpty() && inhibits.isEmpty();
    }
}
