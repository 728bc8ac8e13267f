package dev.quell.http;

import dev.quell.engine.AlertEvent;
import dev.quell.engine.Integration;
import dev.quell.ingest.InvalidEventException;
import dev.quell.ingest.StandardEventDecoder;
import dev.quell.shard.Rejected;
import dev.quell.shard.ShardWriter;
import dev.quell.store.Catalog;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * {@code POST /event/push/alert/standard?integration_key=...}: checks the request on the event loop
 * (content type, key, rate limit, body), hands the event to the shard writer, and answers 200 only once the
 * writer's batch is committed.
 */
public final class PushRoutes {
    public static final String STANDARD_PATH = "/event/push/alert/standard";
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(PushRoutes.class);
    private static final String INTEGRATION_KEY = "quell.integration";

    private final Catalog catalog;
    private final RateLimits rateLimits;
    private final StandardEventDecoder decoder;
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

    public void mount(Router router) {
        // Declared a platform handler so Vert.x lets it run before the body is read.
        router.route(HttpMethod.POST, STANDARD_PATH)
                .handler((PlatformHandler) this::admit)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::push);
    }

    /** Everything that can be decided before reading the body. */
    private void admit(RoutingContext ctx) {
        if (draining.getAsBoolean()) {
            throw new ApiError(ErrorCode.ServiceUnavailable, "Quell is shutting down; retry on another node or later");
        }
        if (!ContentTypes.isJson(ctx.request().getHeader("Content-Type"))) {
            throw new ApiError(ErrorCode.InvalidContentType, "Content-Type must be application/json");
        }
        Integration integration = catalog.integrationByKey(ctx.request().getParam("integration_key"))
                .orElseThrow(() -> ApiError.invalid("integration_key is not a valid one"));
        if (!integration.isEnabled()) {
            throw new ApiError(ErrorCode.AccessDenied, "integration " + integration.integrationId() + " is disabled");
        }
        long retryAfter = rateLimits.tryAcquire(integration);
        if (retryAfter > 0) {
            throw new ApiError(ErrorCode.RequestTooFrequently, "integration " + integration.integrationId()
                    + " is over its rate limit; retry after " + retryAfter + "s", retryAfter);
        }
        ctx.put(INTEGRATION_KEY, integration);
        ctx.next();
    }

    private void push(RoutingContext ctx) {
        Integration integration = ctx.get(INTEGRATION_KEY);
        AlertEvent event;
        try {
            event = decoder.decode(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes(),
                    integration, clock.getAsLong());
        } catch (InvalidEventException e) {
            log.info("rejected push to integration {}: {}", integration.integrationId(), e.getMessage());
            throw ApiError.invalid(e.getMessage());
        }
        Future.fromCompletionStage(writer.submit(event), ctx.vertx().getOrCreateContext()).onComplete(done -> {
            if (done.succeeded()) {
                envelope.ok(ctx, Map.of("alert_key", event.alertKey()));
            } else if (done.cause() instanceof Rejected rejected) {
                envelope.error(ctx, rejected.reason() == Rejected.Reason.QUEUE_FULL
                        ? new ApiError(ErrorCode.RequestTooFrequently, "Quell is at capacity; retry after 1s", 1)
                        : new ApiError(ErrorCode.ServiceUnavailable, "Quell is shutting down; retry later"));
            } else {
                log.error("push to integration {} failed [{}]", integration.integrationId(),
                        Envelope.requestId(ctx), done.cause());
                envelope.error(ctx, ErrorCode.InternalError, "internal error; quote request_id "
                        + Envelope.requestId(ctx) + " when reporting it");
            }
        });
    }
}
