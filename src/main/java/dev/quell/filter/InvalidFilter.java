package dev.quell.filter;

/**
 * A filter that {@link Filter#compile} refused. The message locates the problem for the API caller, for example
 * {@code filters[1][0] labels.ip: cidr:10.0.0/33 is not a valid network}.
 */
public final class InvalidFilter extends Exception {
    InvalidFilter(String message) {
        super(message);
    }
}
