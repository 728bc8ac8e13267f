package dev.quell.engine;

import java.util.Comparator;
import java.util.List;

/** Every drop rule of one channel, as now stored: the writer hands the engine the whole list at each change. */
public record DropRules(long channelId, List<DropRule> rules) implements Input {

    /** The enabled rules in the order they are tried: by priority, then the older first. */
    List<DropRule> inOrder() {
        return rules.stream().filter(DropRule::isEnabled)
                .sorted(Comparator.comparingInt(DropRule::priority).thenComparing(DropRule::ruleId)).toList();
    }
}
