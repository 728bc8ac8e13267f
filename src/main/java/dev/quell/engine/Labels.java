package dev.quell.engine;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Label maps are unmodifiable and sorted by key, so equal label sets compare and print alike. */
public final class Labels {
    private Labels() {
    }

    public static Map<String, String> sorted(Map<String, String> labels) {
        return Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    static Map<String, String> addMissing(Map<String, String> base, Map<String, String> extra) {
        if (base.keySet().containsAll(extra.keySet())) {
            return base;
        }
        TreeMap<String, String> merged = new TreeMap<>(extra);
        merged.putAll(base);
        return Collections.unmodifiableMap(merged);
    }
}
