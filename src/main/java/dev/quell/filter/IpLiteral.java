package dev.quell.filter;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Parses textual IP addresses by hand. {@code InetAddress.getByName} would resolve anything that is not a literal
 * through DNS, which a filter evaluated per event must never do.
 */
final class IpLiteral {
    static final int IPV4_BYTES = 4;
    static final int IPV6_BYTES = 16;

    private IpLiteral() {
    }

    /**
     * Returns the 4 bytes of a dotted-quad IPv4 address or the 16 bytes of an IPv6 address (RFC 4291 text form,
     * {@code ::} and a trailing dotted quad allowed, no zone), or null when the text is neither.
     */
    static byte[] parse(String text) {
        byte[] address;
        if (text.indexOf(':') >= 0) {
            address = new byte[IPV6_BYTES];
            return parseIpv6(text, address) ? address : null;
        }
        address = new byte[IPV4_BYTES];
        return parseIpv4(text, 0, address, 0) ? address : null;
    }

    /**
     * Decimal parts without leading zeros, as Go's net.ParseIP requires: "010" could mean octal 8 to some tools, so
     * it is rejected rather than guessed.
     */
    private static boolean parseIpv4(String text, int from, byte[] into, int offset) {
        int i = from;
        for (int part = 0; part < IPV4_BYTES; part++) {
            if (part > 0) {
                if (i >= text.length() || text.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < text.length() && i - start < 3 && isDigit(text.charAt(i))) {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            boolean leadingZero = i - start > 1 && text.charAt(start) == '0';
            if (i == start || leadingZero || value > 255) {
                return false;
            }
            into[offset + part] = (byte) value;
        }
        return i == text.length();
    }

    private static boolean parseIpv6(String text, byte[] into) {
        int length = text.length();
        int filled = 0;
        int gapAt = -1;
        int i = 0;
        if (text.startsWith("::")) {
            gapAt = 0;
            i = 2;
        }
        while (i < length) {
            int start = i;
            int group = 0;
            // HexFormat takes ASCII hex digits only; Character.digit would take other scripts' digits too.
            while (i < length && i - start < 4 && HexFormat.isHexDigit(text.charAt(i))) {
                group = group * 16 + HexFormat.fromHexDigit(text.charAt(i));
                i++;
            }
            if (i == start) {
                return false;
            }
            if (i < length && text.charAt(i) == '.') {
                // A dotted quad may only end the address and fills its last four bytes.
                if (filled > IPV6_BYTES - IPV4_BYTES || !parseIpv4(text, start, into, filled)) {
                    return false;
                }
                filled += IPV4_BYTES;
                break;
            }
            if (filled == IPV6_BYTES) {
                return false;
            }
            into[filled++] = (byte) (group >> 8);
            into[filled++] = (byte) group;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < length && text.charAt(i) == ':') {
                if (gapAt >= 0) {
                    return false;
                }
                gapAt = filled;
                i++;
            } else if (i == length) {
                return false;
            }
        }
        if (gapAt < 0) {
            return filled == IPV6_BYTES;
        }
        // "::" stands for at least one zero group, as in Go; the groups after it move to the end.
        if (filled == IPV6_BYTES) {
            return false;
        }
        int tail = filled - gapAt;
        System.arraycopy(into, gapAt, into, IPV6_BYTES - tail, tail);
        Arrays.fill(into, gapAt, IPV6_BYTES - tail, (byte) 0);
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
