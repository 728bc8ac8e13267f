package dev.quell.engine;

/**
 * The status an event reports and the severity an alert or incident carries. {@code Ok} is a recovery,
 * the three others are triggers ordered by how loud they are.
 */
public enum Severity {
    Ok(0), Info(1), Warning(2), Critical(3);

    private final int rank;

    Severity(int rank) {
        this.rank = rank;
    }

    public boolean isTrigger() {
        return this != Ok;
    }

    public static Severity louder(Severity a, Severity b) {
        return a.rank >= b.rank ? a : b;
    }

    /** Parses the exact, case-sensitive wire spelling; returns null for anything else. */
    public static Severity parseExact(String text) {
        if (text == null) {
            return null;
        }
        switch (text) {
            case "Critical": return Critical;
            case "Warning": return Warning;
            case "Info": return Info;
            case "Ok": return Ok;
            default: return null;
        }
    }
}
