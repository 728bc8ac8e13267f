package dev.quell.filter;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/** {@code /re/}: an RE2 regular expression that matches when it occurs anywhere in the field value. */
record RegexMatcher(Pattern pattern) implements ValueMatcher {
    static RegexMatcher compile(String val) throws InvalidValue {
        try {
            return new RegexMatcher(Pattern.compile(val.substring(1, val.length() - 1)));
        } catch (PatternSyntaxException e) {
            throw new InvalidValue(val + " is not a valid RE2 regular expression: " + e.getDescription());
        }
    }

    @Override
    public boolean matches(String fieldValue) {
        return pattern.matcher(fieldValue).find();
    }
}
