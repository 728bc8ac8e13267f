package dev.quell.store;

/**
 * Where the next page of a list starts: after the record with this id (and, in lists ordered by update time, this
 * {@code updatedAt}). Unlike a page number it does not skip or repeat records when new ones arrive between pages.
 */
public record SearchAfter(long updatedAt, String id) {
    private static final java.util.regex.Pattern WIRE = java.util.regex.Pattern.compile("(\\d{1,19})-([0-9a-f]{24})");

    /** The opaque {@code search_after_ctx} string of the Open API. */
    public String toWire() {
        return updatedAt + "-" + id;
    }

    /** Parses what {@link #toWire()} wrote; null when {@code text} is not such a string. */
    public static SearchAfter fromWire(String text) {
        java.util.regex.Matcher m = WIRE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            return new SearchAfter(Long.parseLong(m.group(1)), m.group(2));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
