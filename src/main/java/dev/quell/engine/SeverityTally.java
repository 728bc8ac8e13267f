package dev.quell.engine;

/** How many of an incident's active alerts stand at each severity, so its severity is known in O(1). */
final class SeverityTally {
    private final int[] counts = new int[Severity.values().length];

    void add(Severity severity) {
        counts[severity.ordinal()]++;
    }

    void remove(Severity severity) {
        counts[severity.ordinal()]--;
    }

    long active() {
        long total = 0;
        for (Severity severity : Severity.values()) {
            if (severity.isTrigger()) {
                total += counts[severity.ordinal()];
            }
        }
        return total;
    }

    /** The loudest active severity, or {@code Ok} when none is active. */
    Severity loudest() {
        for (int i = counts.length - 1; i > 0; i--) {
            if (counts[i] > 0) {
                return Severity.values()[i];
            }
        }
        return Severity.Ok;
    }
}
