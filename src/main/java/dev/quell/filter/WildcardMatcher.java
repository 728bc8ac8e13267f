package dev.quell.filter;

/**
 * A value containing {@code *} (any run of characters, including none) or {@code ?} (exactly one character),
 * matched against the whole field value, case-sensitively. There is no escape: such a value cannot match a
 * literal {@code *} or {@code ?} other than through the wildcard itself.
 */
record WildcardMatcher(String pattern) implements ValueMatcher {
    static boolean isWildcard(String val) {
        return val.indexOf('*') >= 0 || val.indexOf('?') >= 0;
    }

    /** The text before the first wildcard, which every matching value starts with; null when it starts with one. */
    @Override
    public String requiredPrefix() {
        int firstWildcard = 0;
        while (firstWildcard < pattern.length() && pattern.charAt(firstWildcard) != '*'
                && pattern.charAt(firstWildcard) != '?') {
            firstWildcard++;
        }
        return firstWildcard == 0 ? null : pattern.substring(0, firstWildcard);
    }

    /**
     * Greedy scan that, on a mismatch, retries from the most recent {@code *} with it absorbing one more character.
     * Only the latest star needs retrying, so the cost is bounded by pattern length times value length, with no
     * exponential blow-up for patterns such as {@code *a*a*a*b}.
     */
    @Override
    public boolean matches(String fieldValue) {
        int p = 0;
        int v = 0;
        int starAt = -1;
        int valueAtStar = 0;
        while (v < fieldValue.length()) {
            if (p < pattern.length()) {
                char c = pattern.charAt(p);
                if (c == '*') {
                    starAt = p++;
                    valueAtStar = v;
                    continue;
                }
                if (c == '?') {
                    p++;
                    v = afterCodePoint(fieldValue, v);
                    continue;
                }
                if (c == fieldValue.charAt(v)) {
                    p++;
                    v++;
                    continue;
                }
            }
            if (starAt < 0) {
                return false;
            }
            p = starAt + 1;
            valueAtStar = afterCodePoint(fieldValue, valueAtStar);
            v = valueAtStar;
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** {@code ?} and {@code *} step over whole code points, so an emoji counts as one character. */
    private static int afterCodePoint(String text, int index) {
        return index + Character.charCount(text.codePointAt(index));
    }
}
