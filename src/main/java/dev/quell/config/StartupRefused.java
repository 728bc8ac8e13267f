package dev.quell.config;

/**
 * The server will not start as configured, for a reason the operator can act on (another server holds the data
 * directory, the port is taken, a transport asked for is not available). {@code quell serve} prints its message alone, not a stack trace.
 */
public final class StartupRefused extends RuntimeException {
    public StartupRefused(String message) {
        super(message);
    }

    public StartupRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
