package dev.quell.engine;

import java.util.HashMap;
import java.util.Map;

/** Label maps are unmodifiable and sorted by key, so equal label sets compare and print alike. */
public final class Labels {
    private Labels() {
    }

    public static Map<String, String> sorted(Map<String, String> labels) {
        return LabelMap.of(labels);
    }

    /**
     * Whether two label maps hold the same labels, walking both in order: label maps are sorted, so this compares
     * each pair once instead of looking every key of one up in the other. Two maps that iterated in different orders
     * would compare unequal here even with the same labels; no label map does, and the callers only lose a shortcut
     * if one did (a fresh instance kept, a record rewritten).
     */
    static boolean sameInOrder(Map<String, String> a, Map<String, String> b) {
        if (a == b) {
            return true;
        }
        if (a instanceof LabelMap compactA && b instanceof LabelMap compactB) {
            return compactA.sameAs(compactB);
        }
        if (a.size() != b.size()) {
            return false;
        }
        java.util.Iterator<Map.Entry<String, String>> others = b.entrySet().iterator();
        for (Map.Entry<String, String> entry : a.entrySet()) {
            Map.Entry<String, String> other = others.next();
            if (!entry.getKey().equals(other.getKey()) || !entry.getValue().equals(other.getValue())) {
                return false;
            }
        }
        return true;
    }

    static Map<String, String> addMissing(Map<String, String> base, Map<String, String> extra) {
        if (base.keySet().containsAll(extra.keySet())) {
            return base;
        }
        Map<String, String> merged = new HashMap<>(extra);
        merged.putAll(base);
        return LabelMap.of(merged);
    }
}
