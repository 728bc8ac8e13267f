package dev.quell.filter;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * An RE2 expression compiled once, with the plain text its matches must hold ({@link RequiredText}) worked out at
 * the same time, so that the values that cannot match never reach RE2's matching machine.
 */
public record Expression(Pattern pattern, RequiredText required) {

    /** Throws {@link PatternSyntaxException} for an expression RE2 does not accept. */
    public static Expression compile(String expression) {
        return new Expression(Pattern.compile(expression), RequiredText.of(expression));
    }

    /** A matcher positioned at the first match in the value, or null when there is none. */
    public Matcher find(String value) {
        if (!required.mayMatch(value)) {
            return null;
        }
        Matcher matcher = pattern.matcher(value);
        return matcher.find() ? matcher : null;
    }

    public String text() {
        return pattern.pattern();
    }
}
