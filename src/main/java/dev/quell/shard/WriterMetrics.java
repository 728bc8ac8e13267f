package dev.quell.shard;

import dev.quell.engine.Outcome;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the shard writer did with events since start: how many of each {@link Outcome.Kind}, and how many each drop
 * rule discarded. Written by the writer thread, read by {@code /metrics} and the rule lists.
 */
public final class WriterMetrics {
    private final Map<Outcome.Kind, LongAdder> outcomes = new EnumMap<>(Outcome.Kind.class);
    private final Map<String, LongAdder> droppedByRule = new ConcurrentHashMap<>();

    WriterMetrics() {
        for (Outcome.Kind kind : Outcome.Kind.values()) {
            outcomes.put(kind, new LongAdder());
        }
    }

    void count(Outcome outcome) {
        outcomes.get(outcome.kind()).increment();
        if (outcome.ruleId() != null) {
            droppedByRule.computeIfAbsent(outcome.ruleId(), id -> new LongAdder()).increment();
        }
    }

    public long outcomes(Outcome.Kind kind) {
        return outcomes.get(kind).sum();
    }

    public long droppedBy(String ruleId) {
        LongAdder count = droppedByRule.get(ruleId);
        return count == null ? 0 : count.sum();
    }

    public Map<String, Long> droppedByRule() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        droppedByRule.forEach((ruleId, count) -> counts.put(ruleId, count.sum()));
        return counts;
    }
}
