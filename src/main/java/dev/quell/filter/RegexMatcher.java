package dev.quell.filter;

import com.google.re2j.PatternSyntaxException;

/**
 * {@code /re/}: an RE2 regular expression that matches when it occurs anywhere in the field value. RE2's linear-time
 * machine costs a few microseconds per value, and a channel may hold a hundred rules, so common shapes skip it: an
 * expression without any special character ({@code plain}) is a substring test, and one that starts with plain
 * characters first checks that the value contains them ({@link RequiredText}).
 */
record RegexMatcher(Expression expression, boolean plain) implements ValueMatcher {

    static RegexMatcher compile(String val) throws InvalidValue {
        String text = val.substring(1, val.length() - 1);
        try {
            return new RegexMatcher(Expression.compile(text), RequiredText.plainUpTo(text, 0) == text.length());
        } catch (PatternSyntaxException e) {
            throw new InvalidValue(val + " is not a valid RE2 regular expression: " + e.getDescription());
        }
    }

    @Override
    public boolean matches(String fieldValue) {
        return plain ? expression.required().mayMatch(fieldValue) : expression.find(fieldValue) != null;
    }

    /** An expression anchored with {@code ^} and starting with plain text matches only values starting with it. */
    @Override
    public String requiredPrefix() {
        return expression.required().atStart() ? expression.required().text() : null;
    }
}
