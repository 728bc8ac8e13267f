package dev.quell.http;

/** The Flashduty error codes Quell answers with, and the HTTP status each carries. */
public enum ErrorCode {
    InvalidParameter(400),
    InvalidContentType(400),
    MethodNotAllowed(400),
    Unauthorized(401),
    AccessDenied(403),
    RouteNotFound(404),
    RequestTooFrequently(429),
    InternalError(500),
    ServiceUnavailable(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
