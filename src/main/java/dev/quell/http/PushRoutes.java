package dev.quell.http;

import dev.quell.engine.AlertEvent;
import dev.quell.engine.Channel;
import dev.quell.engine.Integration;
import dev.quell.ingest.InvalidEventException;
import dev.quell.ingest.PushOverrides;
import dev.quell.ingest.StandardEventDecoder;
import dev.quell.shard.Rejected;
import dev.quell.shard.ShardWriter;
import dev.quell.store.Catalog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@code POST /event/push/alert/standard?integration_key=...}: checks the request on the event loop (content
 * type, key, rate limit, body size), hands the event to the shard writer, and answers 200 only once the
 * writer's batch is committed.
 *
 * <p>This is the hot path, so it is served by Vert.x core directly rather than through the router: routing, the
 * routing context and the generic body handler cost a fifth of an event loop's time per push.
 */
public final class PushRoutes {
    public static final String STANDARD_PATH = "/event/push/alert/standard";
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(PushRoutes.class);

    private final Catalog catalog;
    private final RateLimits rateLimits;
    private final StandardEventDecoder decoder;
    private final java.util.concurrent.atomic.LongAdder unrouted = new java.util.concurrent.atomic.LongAdder();
    private final ShardWriter writer;
    private final Envelope envelope;
    private final LongSupplier clock;
    private final BooleanSupplier draining;

    public PushRoutes(Catalog catalog, RateLimits rateLimits, StandardEventDecoder decoder, ShardWriter writer,
                      Envelope envelope, LongSupplier clock, BooleanSupplier draining) {
        this.catalog = catalog;
        this.rateLimits = rateLimits;
        this.decoder = decoder;
        this.writer = writer;
        this.envelope = envelope;
        this.clock = clock;
        this.draining = draining;
    }

    /** Whether this request is for a push path (any method: a wrong one is answered here too). */
    public boolean handles(HttpServerRequest request) {
        return STANDARD_PATH.equals(request.path());
    }

    public void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        String requestId = envelope.newRequestId(response);
        try {
            Admitted admitted = admit(request);
            readBody(request, requestId, admitted);
        } catch (ApiError error) {
            envelope.error(response, requestId, error);
        } catch (RuntimeException unexpected) {
            internalError(response, requestId, unexpected);
        }
    }

    /** A push let in before its body is read: its integration and what its query asks. */
    private record Admitted(Integration integration, PushQuery query) {
    }

    /** Everything that can be decided before reading the body. */
    private Admitted admit(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            throw new ApiError(ErrorCode.MethodNotAllowed, request.method() + " is not allowed on " + STANDARD_PATH);
        }
        if (draining.getAsBoolean()) {
            throw new ApiError(ErrorCode.ServiceUnavailable, "Quell is shutting down; retry on another node or later");
        }
        if (!ContentTypes.isJson(request.getHeader("Content-Type"))) {
            throw new ApiError(ErrorCode.InvalidContentType, "Content-Type must be application/json");
        }
        PushQuery query;
        try {
            query = PushQuery.parse(request.query());
        } catch (IllegalArgumentException undecodable) {
            throw ApiError.invalid("the query string is not valid percent-encoding");
        }
        Integration integration = catalog.integrationByKey(query.integrationKey())
                .orElseThrow(() -> ApiError.invalid("integration_key is not a valid one"));
        if (!integration.isEnabled()) {
            throw new ApiError(ErrorCode.AccessDenied, "integration " + integration.integrationId() + " is disabled");
        }
        String channelStatus = catalog.channel(integration.channelId()).map(Channel::status).orElse(Channel.ENABLED);
        if (!channelStatus.equals(Channel.ENABLED)) {
            throw new ApiError(ErrorCode.AccessDenied, "channel " + integration.channelId() + " of integration "
                    + integration.integrationId() + " is " + channelStatus);
        }
        long retryAfter = rateLimits.tryAcquire(integration);
        if (retryAfter > 0) {
            throw new ApiError(ErrorCode.RequestTooFrequently, "integration " + integration.integrationId()
                    + " is over its rate limit; retry after " + retryAfter + "s", retryAfter);
        }
        return new Admitted(integration, query);
    }

    /** Collects the body up to the limit; a body over it is refused without reading the rest. */
    private void readBody(HttpServerRequest request, String requestId, Admitted admitted) {
        HttpServerResponse response = request.response();
        long declared = declaredLength(request);
        if (declared > MAX_BODY_BYTES) {
            response.putHeader("Connection", "close");
            throw tooLarge();
        }
        Body body = new Body(declared > 0 ? (int) declared : 1024);
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length + chunk.length() > MAX_BODY_BYTES) {
                refused[0] = true;
                response.putHeader("Connection", "close");
                envelope.error(response, requestId, tooLarge());
                return;
            }
            body.append(chunk);
        });
        request.exceptionHandler(failure -> log.debug("push request failed while reading: {}", failure.toString()));
        request.endHandler(end -> {
            if (!refused[0]) {
                push(request, requestId, admitted, body);
            }
        });
    }

    /** The body's bytes, copied once out of the network buffers, and decoded from this array as they are. */
    private static final class Body {
        byte[] bytes;
        int length;

        Body(int expected) {
            bytes = new byte[expected];
        }

        void append(Buffer chunk) {
            if (length + chunk.length() > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + chunk.length(), 2 * bytes.length));
            }
            chunk.getBytes(0, chunk.length(), bytes, length);
            length += chunk.length();
        }
    }

    private static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalid("Content-Length is not a number");
        }
    }

    private static ApiError tooLarge() {
        return ApiError.invalid("request body must be at most 1 MiB (" + MAX_BODY_BYTES + " bytes)");
    }

    private void push(HttpServerRequest request, String requestId, Admitted admitted, Body body) {
        HttpServerResponse response = request.response();
        Integration integration = admitted.integration();
        AlertEvent event;
        try {
            event = decoder.decode(body.bytes, body.length, integration, clock.getAsLong(),
                    PushOverrides.of(admitted.query().severity(), admitted.query().titleRule()));
        } catch (InvalidEventException e) {
            log.info("rejected push to integration {}: {}", integration.integrationId(), e.getMessage());
            envelope.error(response, requestId, ApiError.invalid(e.getMessage()));
            return;
        } catch (RuntimeException unexpected) {
            internalError(response, requestId, unexpected);
            return;
        }
        CompletableFuture<?> committed;
        if (integration.isShared()) {
            List<Long> channels = routedChannels(integration, event);
            if (channels.isEmpty()) {
                unrouted.increment();
                log.info("rejected push to shared integration {}: no route matched", integration.integrationId());
                envelope.error(response, requestId, ApiError.invalid("no route matched the event: shared "
                        + "integration " + integration.integrationId() + " sends it to no enabled channel"));
                return;
            }
            committed = CompletableFuture.allOf(channels.stream().map(channel -> writer.submit(event.toChannel(channel)))
                    .toArray(CompletableFuture[]::new));
        } else {
            committed = writer.submit(event);
        }
        // Completed on the writer thread; answered back on this request's event loop.
        Future.fromCompletionStage(committed, Vertx.currentContext()).onComplete(done -> {
            if (done.succeeded()) {
                envelope.pushed(response, requestId, event.alertKey());
            } else if (unwrapped(done.cause()) instanceof Rejected rejected) {
                envelope.error(response, requestId, rejected.reason() == Rejected.Reason.QUEUE_FULL
                        ? new ApiError(ErrorCode.RequestTooFrequently, "Quell is at capacity; retry after 1s", 1)
                        : new ApiError(ErrorCode.ServiceUnavailable, "Quell is shutting down; retry later"));
            } else {
                internalError(response, requestId, done.cause());
            }
        });
    }

    /** The enabled channels the shared integration's route sends the event to. */
    private List<Long> routedChannels(Integration integration, AlertEvent event) {
        return catalog.route(integration.integrationId()).map(route -> route.channelsFor(event)).orElse(List.of())
                .stream().filter(id -> catalog.channel(id).map(c -> c.status().equals(Channel.ENABLED)).orElse(false))
                .toList();
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }

    /** Events of shared integrations refused because no route took them, since start. */
    public long unrouted() {
        return unrouted.sum();
    }

    private void internalError(HttpServerResponse response, String requestId, Throwable cause) {
        log.error("push failed [{}]", requestId, cause);
        envelope.error(response, requestId, new ApiError(ErrorCode.InternalError,
                "internal error; quote request_id " + requestId + " when reporting it"));
    }
}
