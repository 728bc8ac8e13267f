package dev.quell.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;

/**
 * Writes every answer in the Flashduty envelope: {@code {"request_id", "data"}} on success,
 * {@code {"request_id", "error": {"code", "message"}}} otherwise, with the id also in
 * {@code Flashcat-Request-Id}.
 */
public final class Envelope {
    public static final String REQUEST_ID_HEADER = "Flashcat-Request-Id";
    private static final String REQUEST_ID_KEY = "quell.request_id";
    private static final CharSequence JSON_UTF8 = HttpHeaders.createOptimized("application/json; charset=utf-8");
    private static final byte[] PUSHED_HEAD = "{\"request_id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PUSHED_KEY = "\",\"data\":{\"alert_key\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PUSHED_TAIL = "\"}}".getBytes(StandardCharsets.US_ASCII);

    private final ObjectWriter writer;
    private final RequestIds requestIds;

    public Envelope(ObjectMapper json, RequestIds requestIds) {
        this.writer = json.writer();
        this.requestIds = requestIds;
    }

    /** Gives the request its id; runs first on every route. */
    public void assignRequestId(RoutingContext ctx) {
        assignRequestIdOnly(ctx);
        ctx.next();
    }

    void assignRequestIdOnly(RoutingContext ctx) {
        ctx.put(REQUEST_ID_KEY, newRequestId(ctx.response()));
    }

    /** A new request id, already set as the response's {@code Flashcat-Request-Id} header. */
    public String newRequestId(HttpServerResponse response) {
        String id = requestIds.next();
        response.putHeader(REQUEST_ID_HEADER, id);
        return id;
    }

    public static String requestId(RoutingContext ctx) {
        return ctx.get(REQUEST_ID_KEY);
    }

    /** The envelopes, serialised straight from these records (no intermediate tree). */
    private record Success(@JsonProperty("request_id") String requestId, Object data) {
    }

    private record Failure(@JsonProperty("request_id") String requestId, Detail error) {
    }

    private record Detail(String code, String message) {
    }

    public void ok(RoutingContext ctx, Object data) {
        ok(ctx.response(), requestId(ctx), data);
    }

    public void ok(HttpServerResponse response, String requestId, Object data) {
        send(response, 200, new Success(requestId, data));
    }

    /**
     * The push API's answer to an acknowledged event, {@code {"request_id", "data": {"alert_key"}}}, put together
     * from bytes: it is the answer Quell gives most, and a serialiser per answer was a tenth of what a push
     * allocates. Request ids are hex digits; the key is escaped as JSON.
     */
    public void pushed(HttpServerResponse response, String requestId, String alertKey) {
        if (response.ended()) {
            return;
        }
        byte[] id = requestId.getBytes(StandardCharsets.US_ASCII);
        byte[] key = JsonStringEncoder.getInstance().quoteAsUTF8(alertKey);
        Buffer body = Buffer.buffer(PUSHED_HEAD.length + id.length + PUSHED_KEY.length + key.length
                        + PUSHED_TAIL.length)
                .appendBytes(PUSHED_HEAD).appendBytes(id).appendBytes(PUSHED_KEY).appendBytes(key)
                .appendBytes(PUSHED_TAIL);
        response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, JSON_UTF8).end(body);
    }

    public void error(RoutingContext ctx, ErrorCode code, String message) {
        error(ctx, new ApiError(code, message));
    }

    public void error(RoutingContext ctx, ApiError error) {
        error(ctx.response(), requestId(ctx), error);
    }

    public void error(HttpServerResponse response, String requestId, ApiError error) {
        if (response.ended()) {
            return;
        }
        if (error.retryAfterSeconds() > 0) {
            response.putHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        send(response, error.code().httpStatus(), new Failure(requestId,
                new Detail(error.code().name(), error.getMessage())));
    }

    /**
     * Answers a request whose head Vert.x could not decode (request line or headers too long, malformed). Such a
     * request never reaches the router, but still gets an id and the envelope; the connection closes after it.
     */
    public void invalidRequest(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        String id = newRequestId(response);
        Throwable cause = request.decoderResult().cause();
        response.putHeader("Connection", "close");
        error(response, id, ApiError.invalid("the request could not be read"
                + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : "")));
    }

    private void send(HttpServerResponse response, int status, Object body) {
        if (response.ended()) {
            return;
        }
        byte[] bytes;
        try {
            bytes = writer.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope is always serialisable", e);
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON_UTF8).end(Buffer.buffer(bytes));
    }
}
