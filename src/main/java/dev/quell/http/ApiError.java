package dev.quell.http;

/**
 * A request that is answered with an error envelope. {@code retryAfterSeconds} is set for
 * {@link ErrorCode#RequestTooFrequently} and sent as {@code Retry-After}.
 */
public final class ApiError extends RuntimeException {
    private final ErrorCode code;
    private final long retryAfterSeconds;

    public ApiError(ErrorCode code, String message) {
        this(code, message, 0);
    }

    public ApiError(ErrorCode code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiError invalid(String message) {
        return new ApiError(ErrorCode.InvalidParameter, message);
    }

    public ErrorCode code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
