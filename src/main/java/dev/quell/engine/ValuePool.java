package dev.quell.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance per distinct text among the values a new alert keeps (its label values, title, title rule and
 * description). The engine holds every open alert, and alerts of one check share their cluster, service, check and
 * title, each of which would otherwise be a copy of its own per alert. Bounded: when full it starts over, so values
 * that never repeat (a fleet's host names) cost a lookup and nothing more, and long texts are left alone.
 */
final class ValuePool {
    static final int CAPACITY = 16_384;
    static final int LONGEST_POOLED = 256;

    private final Map<String, String> values = new HashMap<>();

    /** The pooled instance equal to {@code value}, which becomes it if none is; null stays null. */
    String canonical(String value) {
        if (value == null || value.length() > LONGEST_POOLED) {
            return value;
        }
        String known = values.get(value);
        if (known != null) {
            return known;
        }
        if (values.size() == CAPACITY) {
            values.clear();
        }
        values.put(value, value);
        return value;
    }
}
