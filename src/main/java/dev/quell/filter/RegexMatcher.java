package dev.quell.filter;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * {@code /re/}: an RE2 regular expression that matches when it occurs anywhere in the field value. RE2's linear-time
 * machine costs a few microseconds per value, and a channel may hold a hundred rules, so two common shapes skip it:
 * an expression without any special character is a plain substring test, and one anchored with {@code ^} and
 * starting with plain characters first checks that the value starts with them.
 */
record RegexMatcher(Pattern pattern, String literal, String requiredPrefix) implements ValueMatcher {
    private static final String SPECIAL = "\\.^$|?*+()[]{}";
    private static final String QUANTIFIERS = "?*+{";

    static RegexMatcher compile(String val) throws InvalidValue {
        String expression = val.substring(1, val.length() - 1);
        Pattern pattern;
        try {
            pattern = Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw new InvalidValue(val + " is not a valid RE2 regular expression: " + e.getDescription());
        }
        if (plainUpTo(expression, 0) == expression.length()) {
            return new RegexMatcher(pattern, expression, "");
        }
        String prefix = "";
        if (expression.startsWith("^") && expression.indexOf('|') < 0) {
            int end = plainUpTo(expression, 1);
            // A quantifier after the plain run applies to its last character, which may then be absent.
            if (end < expression.length() && QUANTIFIERS.indexOf(expression.charAt(end)) >= 0) {
                end--;
            }
            prefix = expression.substring(1, Math.max(1, end));
        }
        return new RegexMatcher(pattern, null, prefix);
    }

    /** The index of the first special character at or after {@code from}, or the length. */
    private static int plainUpTo(String expression, int from) {
        int i = from;
        while (i < expression.length() && SPECIAL.indexOf(expression.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    @Override
    public boolean matches(String fieldValue) {
        if (literal != null) {
            return fieldValue.contains(literal);
        }
        if (!fieldValue.startsWith(requiredPrefix)) {
            return false;
        }
        return pattern.matcher(fieldValue).find();
    }
}
