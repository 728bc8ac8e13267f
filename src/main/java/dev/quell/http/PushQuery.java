package dev.quell.http;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The query parameters a push reads, taken from the raw query string in one pass. Vert.x's {@code getParam} decodes
 * the whole query into a case-insensitive multimap on first use: about 2 % of a push's CPU and 5 % of what it
 * allocated. This reads the same values as that map would give: pairs split at {@code &} and {@code ;} up to a
 * {@code #}, a pair's leading {@code =} skipped, names matched ignoring ASCII case, the first occurrence of a name
 * winning, {@code +} and percent-escapes decoded (escapes as UTF-8), at most {@value #MAX_PAIRS} pairs read. A
 * malformed escape in any pair read is refused, as Vert.x refuses the whole query for it. {@code PushQueryTest}
 * compares the two on generated queries.
 *
 * @param integrationKey {@code integration_key}, null when absent
 * @param severity       {@code severity}, null when absent
 * @param titleRule      {@code title_rule}, null when absent
 */
record PushQuery(String integrationKey, String severity, String titleRule) {
    /** Vert.x's limit: pairs after this many are not read at all. */
    static final int MAX_PAIRS = 1024;

    /**
     * Reads a raw query string (without the {@code ?}; null for none).
     *
     * @throws IllegalArgumentException when a pair read has a {@code %} not followed by two hex digits
     */
    static PushQuery parse(String query) {
        if (query == null) {
            return new PushQuery(null, null, null);
        }
        String integrationKey = null;
        String severity = null;
        String titleRule = null;
        int end = query.indexOf('#');
        if (end < 0) {
            end = query.length();
        }
        int pairs = 0;
        int start = 0;
        while (start <= end && pairs < MAX_PAIRS) {
            int pairEnd = start;
            while (pairEnd < end && query.charAt(pairEnd) != '&' && query.charAt(pairEnd) != ';') {
                pairEnd++;
            }
            int nameStart = start;
            while (nameStart < pairEnd && query.charAt(nameStart) == '=') {
                nameStart++;
            }
            if (nameStart < pairEnd) {
                pairs++;
                int nameEnd = nameStart;
                while (nameEnd < pairEnd && query.charAt(nameEnd) != '=') {
                    nameEnd++;
                }
                int valueStart = Math.min(nameEnd + 1, pairEnd);
                String name = decode(query, nameStart, nameEnd);
                String value = decode(query, valueStart, pairEnd);
                if (integrationKey == null && isAsciiIgnoringCase(name, "integration_key")) {
                    integrationKey = value;
                } else if (severity == null && isAsciiIgnoringCase(name, "severity")) {
                    severity = value;
                } else if (titleRule == null && isAsciiIgnoringCase(name, "title_rule")) {
                    titleRule = value;
                }
            }
            start = pairEnd + 1;
        }
        return new PushQuery(integrationKey, severity, titleRule);
    }

    /** The text between {@code from} and {@code to} with {@code +} as a space and escapes decoded. */
    private static String decode(String query, int from, int to) {
        int special = from;
        while (special < to && query.charAt(special) != '%' && query.charAt(special) != '+') {
            special++;
        }
        if (special == to) {
            return query.substring(from, to);
        }
        StringBuilder decoded = new StringBuilder(to - from).append(query, from, special);
        byte[] escaped = new byte[(to - special) / 3];
        int i = special;
        while (i < to) {
            char c = query.charAt(i);
            if (c != '%') {
                decoded.append(c == '+' ? ' ' : c);
                i++;
                continue;
            }
            int bytes = 0;
            while (i < to && query.charAt(i) == '%') {
                if (i + 3 > to) {
                    throw new IllegalArgumentException("unterminated escape at index " + i);
                }
                char high = query.charAt(i + 1);
                char low = query.charAt(i + 2);
                if (!HexFormat.isHexDigit(high) || !HexFormat.isHexDigit(low)) {
                    throw new IllegalArgumentException("invalid escape at index " + i);
                }
                escaped[bytes++] = (byte) (HexFormat.fromHexDigit(high) << 4 | HexFormat.fromHexDigit(low));
                i += 3;
            }
            decoded.append(new String(escaped, 0, bytes, StandardCharsets.UTF_8));
        }
        return decoded.toString();
    }

    /** Vert.x's multimap compares names with ASCII letters folded and every other character as it is. */
    private static boolean isAsciiIgnoringCase(String name, String lowerCaseAscii) {
        if (name.length() != lowerCaseAscii.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            char folded = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (folded != lowerCaseAscii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
