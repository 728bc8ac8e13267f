package dev.quell.engine;

import java.util.List;
import java.util.Map;

/** Builds engine inputs for tests: one integration (id 1) in one channel (id 10). */
final class Events {
    static final long INTEGRATION = 1;
    static final long CHANNEL = 10;

    private Events() {
    }

    static AlertEvent trigger(String key, Severity severity, long time) {
        return event(key, severity, "cpu high on " + key, "", Map.of("host", key), time);
    }

    static AlertEvent ok(String key, long time) {
        return event(key, Severity.Ok, "cpu high on " + key, "", Map.of(), time);
    }

    static AlertEvent event(String key, Severity status, String title, String description,
                            Map<String, String> labels, long time) {
        return new AlertEvent(INTEGRATION, CHANNEL, key, status, title, title, description, Labels.sorted(labels),
                List.of(), time);
    }

    /** Deterministic ids: the second, then a counter, 24 hex digits like an ObjectID. */
    static IdSource countingIds() {
        long[] counter = {0};
        return now -> String.format("%08x%016x", now, ++counter[0]);
    }
}
