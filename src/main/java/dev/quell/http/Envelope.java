package dev.quell.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes every answer in the Flashduty envelope: {@code {"request_id", "data"}} on success,
 * {@code {"request_id", "error": {"code", "message"}}} otherwise, with the id also in
 * {@code Flashcat-Request-Id}.
 */
public final class Envelope {
    public static final String REQUEST_ID_HEADER = "Flashcat-Request-Id";
    private static final String REQUEST_ID_KEY = "quell.request_id";

    private final ObjectMapper json;
    private final ObjectWriter writer;
    private final RequestIds requestIds;

    public Envelope(ObjectMapper json, RequestIds requestIds) {
        this.json = json;
        this.writer = json.writer();
        this.requestIds = requestIds;
    }

    /** Gives the request its id; runs first on every route. */
    public void assignRequestId(RoutingContext ctx) {
        assignRequestIdOnly(ctx);
        ctx.next();
    }

    void assignRequestIdOnly(RoutingContext ctx) {
        String id = requestIds.next();
        ctx.put(REQUEST_ID_KEY, id);
        ctx.response().putHeader(REQUEST_ID_HEADER, id);
    }

    public static String requestId(RoutingContext ctx) {
        return ctx.get(REQUEST_ID_KEY);
    }

    /** The success envelope; {@code data} is serialised straight into it (no intermediate tree). */
    private record Success(@JsonProperty("request_id") String requestId, Object data) {
    }

    public void ok(RoutingContext ctx, Object data) {
        send(ctx.response(), 200, new Success(requestId(ctx), data));
    }

    public void error(RoutingContext ctx, ErrorCode code, String message) {
        error(ctx, new ApiError(code, message));
    }

    public void error(RoutingContext ctx, ApiError error) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        if (error.retryAfterSeconds() > 0) {
            response.putHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        ObjectNode body = json.createObjectNode();
        body.put("request_id", requestId(ctx));
        ObjectNode detail = body.putObject("error");
        detail.put("code", error.code().name());
        detail.put("message", error.getMessage());
        send(response, error.code().httpStatus(), body);
    }

    /**
     * Answers a request whose head Vert.x could not decode (request line or headers too long, malformed). Such a
     * request never reaches the router, but still gets an id and the envelope; the connection closes after it.
     */
    public void invalidRequest(HttpServerRequest request) {
        String id = requestIds.next();
        Throwable cause = request.decoderResult().cause();
        ObjectNode body = json.createObjectNode();
        body.put("request_id", id);
        ObjectNode detail = body.putObject("error");
        detail.put("code", ErrorCode.InvalidParameter.name());
        detail.put("message", "the request could not be read"
                + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""));
        HttpServerResponse response = request.response();
        response.putHeader(REQUEST_ID_HEADER, id).putHeader("Connection", "close");
        send(response, ErrorCode.InvalidParameter.httpStatus(), body);
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
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(bytes));
    }
}
