package dev.quell.filter;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * {@code /re/}: an RE2 regular expression that matches when it occurs anywhere in the field value. RE2's linear-time
 * machine costs a few microseconds per value, and a channel may hold a hundred rules, so common shapes skip it: an
 * expression without any special character is a plain substring test, and one that starts with plain characters
 * first checks that the value contains them ({@link RequiredText}).
 */
record RegexMatcher(Pattern pattern, String literal, RequiredText required) implements ValueMatcher {

    static RegexMatcher compile(String val) throws InvalidValue {
        String expression = val.substring(1, val.length() - 1);
        Pattern pattern;
        try {
            pattern = Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw new InvalidValue(val + " is not a valid RE2 regular expression: " + e.getDescription());
        }
        if (RequiredText.plainUpTo(expression, 0) == expression.length()) {
            return new RegexMatcher(pattern, expression, RequiredText.NONE);
        }
        return new RegexMatcher(pattern, null, RequiredText.of(expression));
    }

    @Override
    public boolean matches(String fieldValue) {
        if (literal != null) {
            return fieldValue.contains(literal);
        }
        if (!required.mayMatch(fieldValue)) {
            return false;
        }
        return pattern.matcher(fieldValue).find();
    }
}
