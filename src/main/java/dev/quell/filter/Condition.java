package dev.quell.filter;

import java.util.List;

/** One compiled {@code {key, oper, vals}} condition. */
final class Condition {
    private static final List<String> BUILT_IN_KEYS = List.of("severity", "title", "description", "integration_id");
    private static final String LABEL_PREFIX = "labels.";

    private final String key;
    /** For a {@code labels.<name>} key, the name, cut once here rather than at every match. */
    private final String labelName;
    private final boolean notIn;
    private final ValueMatcher[] matchers;

    private Condition(String key, boolean notIn, ValueMatcher[] matchers) {
        this.key = key;
        this.labelName = key.startsWith(LABEL_PREFIX) ? key.substring(LABEL_PREFIX.length()) : null;
        this.notIn = notIn;
        this.matchers = matchers;
    }

    static Condition compile(ConditionSpec spec) throws InvalidValue {
        String key = spec.key();
        if (key == null || key.isEmpty()) {
            throw new InvalidValue("key is missing");
        }
        if (key.equals(LABEL_PREFIX)) {
            throw new InvalidValue("the label name after labels. is empty");
        }
        if (!key.startsWith(LABEL_PREFIX) && !BUILT_IN_KEYS.contains(key)) {
            throw new InvalidValue("unknown key, expected one of severity, title, description, integration_id"
                    + " or labels.<name>");
        }
        boolean notIn;
        if ("IN".equals(spec.oper())) {
            notIn = false;
        } else if ("NOTIN".equals(spec.oper())) {
            notIn = true;
        } else {
            throw new InvalidValue("oper must be IN or NOTIN, not " + spec.oper());
        }
        List<String> vals = spec.vals();
        if (vals == null || vals.isEmpty()) {
            throw new InvalidValue("vals must hold at least one value");
        }
        ValueMatcher[] matchers = new ValueMatcher[vals.size()];
        for (int i = 0; i < matchers.length; i++) {
            String val = vals.get(i);
            if (val == null) {
                throw new InvalidValue("vals[" + i + "] is null");
            }
            matchers[i] = ValueMatcher.compile(val);
        }
        return new Condition(key, notIn, matchers);
    }

    String key() {
        return key;
    }

    /**
     * For an {@code IN} condition whose every value names text a match starts with, those texts: the field's value
     * must start with one of them. Null otherwise ({@code NOTIN}, or a value such as a CIDR or an unanchored regex).
     */
    java.util.List<String> requiredPrefixes() {
        if (notIn) {
            return null;
        }
        java.util.List<String> prefixes = new java.util.ArrayList<>(matchers.length);
        for (ValueMatcher matcher : matchers) {
            String prefix = matcher.requiredPrefix();
            if (prefix == null || prefix.isEmpty()) {
                return null;
            }
            prefixes.add(prefix);
        }
        return prefixes;
    }

    /** The field's value in the subject, or null when absent. */
    String valueIn(Filter.Subject subject) {
        return labelName != null ? subject.label(labelName) : subject.value(key);
    }

    /** An absent field matches no value, so IN fails and NOTIN holds, which makes "NOTIN *" mean "absent". */
    boolean matches(Filter.Subject subject) {
        String value = valueIn(subject);
        if (value == null) {
            return notIn;
        }
        for (ValueMatcher matcher : matchers) {
            if (matcher.matches(value)) {
                return !notIn;
            }
        }
        return notIn;
    }
}
