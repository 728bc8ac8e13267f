package dev.quell.filter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builders shared by the filter tests. */
final class Conditions {
    private Conditions() {
    }

    static ConditionSpec condition(String key, String oper, String... vals) {
        return new ConditionSpec(key, oper, List.of(vals));
    }

    @SafeVarargs
    static List<List<ConditionSpec>> anyOf(List<ConditionSpec>... andGroups) {
        return List.of(andGroups);
    }

    static List<ConditionSpec> allOf(ConditionSpec... conditions) {
        return List.of(conditions);
    }

    static Filter only(ConditionSpec condition) throws InvalidFilter {
        return Filter.compile(List.of(List.of(condition)));
    }

    /** A subject holding the given key/value pairs; every other field is absent. */
    static Filter.Subject fields(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return values::get;
    }
}
