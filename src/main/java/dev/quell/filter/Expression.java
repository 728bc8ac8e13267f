package dev.quell.filter;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An RE2 expression compiled once, with the plain text its matches must hold ({@link RequiredText}) worked out at
 * the same time, so that the values that cannot match never reach RE2's matching machine.
 *
 * <p>It also remembers what {@link #extract} found in recent values. An alert's events repeat its title, so label
 * extraction sees the same few values again and again, and RE2J, which has no DFA, spends microseconds on each: the
 * dearest step of label enhancement. The memory is a pure function's cache (the same value always extracts the same
 * text), bounded by emptying it when full, which costs less than keeping it in age order.
 */
public final class Expression {
    /** Values remembered at most, per expression. */
    static final int MAX_REMEMBERED = 1024;
    /** Longer values are searched every time: they are rarely repeated whole, and would make the memory large. */
    static final int MAX_REMEMBERED_LENGTH = 512;
    /** Stands for "no match" in the memory (which, being concurrent, holds no nulls). */
    private static final String NO_MATCH = new String("no match");

    private final Pattern pattern;
    private final RequiredText required;
    private final boolean hasResultGroup;
    private final Map<String, String> extracted = new ConcurrentHashMap<>();

    private Expression(Pattern pattern, RequiredText required) {
        this.pattern = pattern;
        this.required = required;
        this.hasResultGroup = pattern.namedGroups().containsKey("result");
    }

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

    /**
     * What the first match in the value holds: its named group {@code result} if the expression has one, else the
     * whole match; null when nothing matches (or the group took no part in the match).
     */
    public String extract(String value) {
        if (value.length() > MAX_REMEMBERED_LENGTH) {
            return search(value);
        }
        String known = extracted.get(value);
        if (known != null) {
            return known == NO_MATCH ? null : known;
        }
        String found = search(value);
        if (extracted.size() >= MAX_REMEMBERED) {
            extracted.clear();
        }
        extracted.put(value, found == null ? NO_MATCH : found);
        return found;
    }

    private String search(String value) {
        Matcher matcher = find(value);
        if (matcher == null) {
            return null;
        }
        return hasResultGroup ? matcher.group("result") : matcher.group();
    }

    RequiredText required() {
        return required;
    }

    public String text() {
        return pattern.pattern();
    }

    /** Two expressions are equal when they are written the same way (what they remember does not count). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Expression that && text().equals(that.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return "/" + text() + "/";
    }
}
