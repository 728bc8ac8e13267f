package dev.quell.filter;

/**
 * {@code num:gt:90}, {@code num:ge:}, {@code num:lt:}, {@code num:le:}: compares the field value, read as a decimal
 * number, with the threshold. A field value that is not a number never matches.
 */
record NumberMatcher(Comparison comparison, double threshold) implements ValueMatcher {
    static final String PREFIX = "num:";

    enum Comparison {
        gt, ge, lt, le
    }

    static NumberMatcher compile(String val) throws InvalidValue {
        String form = val.substring(PREFIX.length());
        int colon = form.indexOf(':');
        if (colon < 0) {
            throw new InvalidValue(val + " is not a valid number comparison: expected num:<gt|ge|lt|le>:<number>");
        }
        Comparison comparison = comparisonNamed(form.substring(0, colon));
        if (comparison == null) {
            throw new InvalidValue(val + " is not a valid number comparison: the operator must be gt, ge, lt or le");
        }
        double threshold = parseDecimal(form.substring(colon + 1));
        if (Double.isNaN(threshold)) {
            throw new InvalidValue(val + " is not a valid number comparison: the threshold is not a number");
        }
        return new NumberMatcher(comparison, threshold);
    }

    private static Comparison comparisonNamed(String name) {
        for (Comparison comparison : Comparison.values()) {
            if (comparison.name().equals(name)) {
                return comparison;
            }
        }
        return null;
    }

    @Override
    public boolean matches(String fieldValue) {
        double value = parseDecimal(fieldValue);
        // Every comparison with NaN is false, so a non-numeric value fails all four without a separate check.
        return switch (comparison) {
            case gt -> value > threshold;
            case ge -> value >= threshold;
            case lt -> value < threshold;
            case le -> value <= threshold;
        };
    }

    /**
     * Reads {@code [+-]digits[.digits][(e|E)[+-]digits]} (digits on at least one side of the point), or returns NaN.
     * The syntax is checked first because Double.parseDouble also accepts "NaN", "Infinity", hex floats, type
     * suffixes such as "1d" and surrounding blanks, none of which a metric label should be taken to mean.
     */
    private static double parseDecimal(String text) {
        int length = text.length();
        int i = 0;
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int integerDigits = skipDigits(text, i) - i;
        i += integerDigits;
        int fractionDigits = 0;
        if (i < length && text.charAt(i) == '.') {
            i++;
            fractionDigits = skipDigits(text, i) - i;
            i += fractionDigits;
        }
        if (integerDigits + fractionDigits == 0) {
            return Double.NaN;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = skipDigits(text, i) - i;
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            i += exponentDigits;
        }
        return i == length ? Double.parseDouble(text) : Double.NaN;
    }

    private static int skipDigits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
