package dev.quell.filter;

/** One target value of a condition, compiled according to its form, tested against a present field value. */
interface ValueMatcher {
    boolean matches(String fieldValue);

    /** Text every value this matches starts with, for indexing rules; null when there is none to name. */
    default String requiredPrefix() {
        return null;
    }

    /** A value without wildcards or a form prefix: the field must equal it. */
    record Exact(String value) implements ValueMatcher {
        @Override
        public boolean matches(String fieldValue) {
            return value.equals(fieldValue);
        }

        @Override
        public String requiredPrefix() {
            return value.isEmpty() ? null : value;
        }
    }

    /**
     * Picks the form: {@code /re/}, then the explicit {@code cidr:} and {@code num:} prefixes, then wildcards,
     * else exact. The prefixes win over wildcards so that a mistyped {@code cidr:10.*} is reported as an invalid
     * network instead of silently becoming a wildcard that can never match an address.
     */
    static ValueMatcher compile(String val) throws InvalidValue {
        if (val.length() >= 2 && val.startsWith("/") && val.endsWith("/")) {
            return RegexMatcher.compile(val);
        }
        if (val.startsWith(CidrMatcher.PREFIX)) {
            return CidrMatcher.compile(val);
        }
        if (val.startsWith(NumberMatcher.PREFIX)) {
            return NumberMatcher.compile(val);
        }
        if (WildcardMatcher.isWildcard(val)) {
            return new WildcardMatcher(val);
        }
        return new Exact(val);
    }
}
