package dev.quell.ingest;

/** Length limits counted in Unicode code points, as the push API's limits are. */
public final class Text {
    private Text() {
    }

    /** Cuts {@code text} to at most {@code maxCodePoints}, never splitting a surrogate pair. */
    public static String truncate(String text, int maxCodePoints) {
        if (text.length() <= maxCodePoints) {
            return text;
        }
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints));
    }

    public static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }
}
