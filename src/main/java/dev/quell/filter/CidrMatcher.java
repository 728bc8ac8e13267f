package dev.quell.filter;

/**
 * {@code cidr:<address>/<prefix length>}: matches a field value that is an address literal inside the network.
 * Host bits in the configured address are ignored ({@code cidr:10.0.0.206/24} means 10.0.0.0/24). An address only
 * matches a network of its own family, so an IPv4 value never matches an IPv6 network.
 */
final class CidrMatcher implements ValueMatcher {
    static final String PREFIX = "cidr:";

    private final byte[] network;
    private final int prefixLength;

    private CidrMatcher(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    static CidrMatcher compile(String val) throws InvalidValue {
        String text = val.substring(PREFIX.length());
        int slash = text.indexOf('/');
        byte[] network = slash < 0 ? null : IpLiteral.parse(text.substring(0, slash));
        int prefixLength = slash < 0 ? -1 : parsePrefixLength(text.substring(slash + 1));
        if (network == null || prefixLength < 0 || prefixLength > network.length * Byte.SIZE) {
            throw new InvalidValue(val + " is not a valid network");
        }
        return new CidrMatcher(network, prefixLength);
    }

    /** Returns -1 unless the text is one to three decimal digits. */
    private static int parsePrefixLength(String text) {
        if (text.isEmpty() || text.length() > 3) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    @Override
    public boolean matches(String fieldValue) {
        byte[] address = IpLiteral.parse(fieldValue);
        if (address == null || address.length != network.length) {
            return false;
        }
        int wholeBytes = prefixLength / Byte.SIZE;
        for (int i = 0; i < wholeBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % Byte.SIZE;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (Byte.SIZE - remainingBits)) & 0xFF;
        return (address[wholeBytes] & mask) == (network[wholeBytes] & mask);
    }
}
