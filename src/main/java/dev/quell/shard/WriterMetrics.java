package dev.quell.shard;

import dev.quell.engine.Outcome;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the shard writer did with events since start: how many of each {@link Outcome.Kind}, and how many events each
 * rule dropped or silenced. Written by the writer thread, read by {@code /metrics} and the rule lists.
 */
public final class WriterMetrics {
    private final Map<Outcome.Kind, LongAdder> outcomes = new EnumMap<>(Outcome.Kind.class);
    private final Map<String, LongAdder> eventsByRule = new ConcurrentHashMap<>();

    WriterMetrics() {
        for (Outcome.Kind kind : Outcome.Kind.values()) {
            outcomes.put(kind, new LongAdder());
        }
    }

    void count(Outcome outcome) {
        outcomes.get(outcome.kind()).increment();
        if (outcome.ruleId() != null) {
            eventsByRule.computeIfAbsent(outcome.ruleId(), id -> new LongAdder()).increment();
        }
    }

    public long outcomes(Outcome.Kind kind) {
        return outcomes.get(kind).sum();
    }

    public long eventsOf(String ruleId) {
        LongAdder count = eventsByRule.get(ruleId);
        return count == null ? 0 : count.sum();
    }

    public Map<String, Long> eventsByRule() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        eventsByRule.forEach((ruleId, count) -> counts.put(ruleId, count.sum()));
        return counts;
    }
}
