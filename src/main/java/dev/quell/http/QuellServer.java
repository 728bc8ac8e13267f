package dev.quell.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import dev.quell.api.OpenApiRoutes;
import dev.quell.config.AppKeys;
import dev.quell.config.DataDirLock;
import dev.quell.config.NetworkTransport;
import dev.quell.config.Settings;
import dev.quell.config.StartupRefused;
import dev.quell.console.AlertPages;
import dev.quell.console.ChannelPages;
import dev.quell.console.ConsoleRoutes;
import dev.quell.console.ConsoleUsers;
import dev.quell.console.IncidentPages;
import dev.quell.console.IntegrationPages;
import dev.quell.console.Sessions;
import dev.quell.console.SignInThrottle;
import dev.quell.console.Templates;
import dev.quell.engine.Channel;
import dev.quell.engine.Engine;
import dev.quell.engine.Integration;
import dev.quell.ingest.StandardEventDecoder;
import dev.quell.shard.ObjectIds;
import dev.quell.shard.ShardWriter;
import dev.quell.store.Catalog;
import dev.quell.store.Store;
import dev.quell.store.sqlite.SqliteStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.transport.Transport;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A running Quell: store, shard writer and HTTP server wired together. {@link #stop()} drains: new requests
 * are refused, requests in flight are committed and answered, then everything closes.
 */
public final class QuellServer {
    private static final Logger log = LoggerFactory.getLogger(QuellServer.class);
    private static final long DRAIN_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final List<HttpServer> servers;
    private final ShardWriter writer;
    private final Store store;
    private final Catalog catalog;
    private final String appKey;
    private final int port;
    private final DrainFlag draining;
    private final DataDirLock dataDirLock;
    private boolean stopped;

    /** Set once {@link #stop()} begins; read on every request. */
    private static final class DrainFlag {
        private volatile boolean on;
    }

    /**
     * Set once every route is mounted. The servers listen before the Open API is mounted (its push URLs need the
     * port they got), so until then {@code /health} says "starting" rather than let a client in too early.
     */
    private static final class ReadyFlag {
        private volatile boolean on;
    }

    private QuellServer(Vertx vertx, List<HttpServer> servers, ShardWriter writer, Store store, Catalog catalog,
                        String appKey, int port, DrainFlag draining, DataDirLock dataDirLock) {
        this.vertx = vertx;
        this.servers = servers;
        this.writer = writer;
        this.store = store;
        this.catalog = catalog;
        this.appKey = appKey;
        this.port = port;
        this.draining = draining;
        this.dataDirLock = dataDirLock;
    }

    /** The writer's counters in Prometheus' text format, for a scraper (it holds no alert data). */
    static String prometheusText(dev.quell.shard.WriterMetrics metrics, long unrouted) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP quell_unrouted_events_total Shared integrations' events refused because no route took them.\n");
        out.append("# TYPE quell_unrouted_events_total counter\n");
        out.append("quell_unrouted_events_total ").append(unrouted).append('\n');
        out.append("# HELP quell_events_total Events the shard writer applied, by what they did.\n");
        out.append("# TYPE quell_events_total counter\n");
        for (dev.quell.engine.Outcome.Kind kind : dev.quell.engine.Outcome.Kind.values()) {
            out.append("quell_events_total{outcome=\"").append(kind.name().toLowerCase(java.util.Locale.ROOT))
                    .append("\"} ").append(metrics.outcomes(kind)).append('\n');
        }
        out.append("# HELP quell_rule_events_total Trigger events each drop or silence rule dropped or silenced.\n");
        out.append("# TYPE quell_rule_events_total counter\n");
        metrics.eventsByRule().forEach((ruleId, count) -> out.append("quell_rule_events_total{rule_id=\"")
                .append(ruleId).append("\"} ").append(count).append('\n'));
        return out.toString();
    }

    public static ObjectMapper objectMapper() {
        return new ObjectMapper().registerModule(new BlackbirdModule());
    }

    /** Starts Quell on the settings' data directory, which no other server may be using. */
    public static QuellServer start(Settings settings, PrintStream console) {
        DataDirLock dataDirLock = DataDirLock.acquire(settings.dataDir());
        try {
            return startHolding(dataDirLock, settings, console);
        } catch (RuntimeException e) {
            dataDirLock.close();
            throw e;
        }
    }

    private static QuellServer startHolding(DataDirLock dataDirLock, Settings settings, PrintStream console) {
        LongSupplier clock = () -> System.currentTimeMillis() / 1000;
        ObjectMapper json = objectMapper();
        Store store = SqliteStore.open(settings.dataDir(), json, settings.syncEveryCommit());
        Catalog catalog = new Catalog(store);
        ShardWriter writer = new ShardWriter(store, new Engine(new ObjectIds()), clock, settings.queueCapacity(),
                settings.maxBatch()).start();

        int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
        Vertx vertx;
        try {
            vertx = vertxOn(settings.transport(), new VertxOptions().setEventLoopPoolSize(eventLoops));
        } catch (RuntimeException e) {
            writer.close();
            store.close();
            throw e;
        }
        DrainFlag draining = new DrainFlag();
        ReadyFlag ready = new ReadyFlag();
        RequestIds requestIds = new RequestIds();
        Envelope envelope = new Envelope(json, requestIds);
        Router router = Router.router(vertx);
        router.route().handler(envelope::assignRequestId);
        router.route().handler(QuellServer::rejectUndecodableQuery);
        router.route(HttpMethod.GET, "/health").handler(ctx -> {
            if (draining.on) {
                envelope.error(ctx, ErrorCode.ServiceUnavailable, "Quell is shutting down");
            } else if (!ready.on) {
                envelope.error(ctx, ErrorCode.ServiceUnavailable, "Quell is starting");
            } else {
                envelope.ok(ctx, Map.of("status", "ok"));
            }
        });

        PushRoutes push = new PushRoutes(catalog, new RateLimits(settings.ratePerSecond(), settings.ratePerMinute()),
                new StandardEventDecoder(json), writer, envelope, clock, () -> draining.on);
        router.route(HttpMethod.GET, "/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(prometheusText(writer.metrics(), push.unrouted())));
        Handler<HttpServerRequest> requests = request -> {
            if (push.handles(request)) {
                push.handle(request);
            } else {
                router.handle(request);
            }
        };
        List<HttpServer> servers = new ArrayList<>();
        try {
            // --port 0 asks for any free port. Vert.x gives the servers one shared random port when they all listen on
            // the same negative port; on port 0 each would get a port of its own, and on the first's port they clash.
            int listenPort = settings.port() == 0 ? -1 : settings.port();
            HttpServer first = listen(vertx, requests, envelope, settings.bind(), listenPort);
            servers.add(first);
            int port = first.actualPort();
            for (int i = 1; i < eventLoops; i++) {
                servers.add(listen(vertx, requests, envelope, settings.bind(), listenPort));
            }
            // What is created on first start is printed once, so it is created only once the server listens: a
            // start refused before that (a port in use) leaves nothing that the next start would not show.
            AppKeys.Resolved appKey = AppKeys.resolve(settings.appKey(), settings.dataDir());
            Integration firstIntegration = seedDefaultChannel(catalog, clock.getAsLong());
            String publicUrl = settings.effectivePublicUrl(port);
            OpenApiRoutes openApi = new OpenApiRoutes(store, writer, catalog, envelope, json, appKey.key(), publicUrl,
                    clock);
            openApi.mount(router);
            ConsoleUsers users = new ConsoleUsers(store, clock);
            java.util.Optional<String> firstPassword = users.createFirstUserIfNone();
            mountConsole(router, new Console(store, catalog, openApi, users, json, clock,
                    publicUrl.startsWith("https://"), settings.ratePerSecond(), settings.ratePerMinute()));
            vertx.setPeriodic(60_000, tick -> vertx.executeBlocking(() -> {
                openApi.sweepExpiredQuickSilences();
                return null;
            }, false));
            mountErrors(router, envelope);
            ready.on = true;

            console.println("Quell is listening on http://" + settings.bind() + ":" + port + " (" + transportOf(vertx)
                    + ") with its data in " + settings.dataDir().toAbsolutePath());
            if (appKey.created()) {
                console.println("Open API app_key (shown once; kept in " + settings.dataDir().resolve(AppKeys.FILE_NAME)
                        + "): " + appKey.key());
            }
            firstPassword.ifPresent(password -> console.println("Web console: " + publicUrl + "/ , user "
                    + ConsoleUsers.FIRST_USER + ", password (shown once; change it with ./quell user passwd): "
                    + password));
            if (firstIntegration != null) {
                console.println("Created channel \"Default\" with a standard integration. Push events to:");
                console.println("  " + publicUrl + PushRoutes.STANDARD_PATH + "?integration_key="
                        + firstIntegration.integrationKey());
            }
            return new QuellServer(vertx, servers, writer, store, catalog, appKey.key(), port, draining, dataDirLock);
        } catch (RuntimeException e) {
            vertx.close();
            writer.close();
            store.close();
            throw e;
        }
    }

    /** What the web console is built from; the rate limits are the server's defaults for integrations. */
    private record Console(Store store, Catalog catalog, OpenApiRoutes openApi, ConsoleUsers users, ObjectMapper json,
                           LongSupplier clock, boolean secureCookies, int ratePerSecond, int ratePerMinute) {
    }

    private static void mountConsole(Router router, Console console) {
        Templates templates = new Templates();
        ConsoleRoutes routes = new ConsoleRoutes(templates, console.users(), new Sessions(console.clock()),
                new SignInThrottle(console.clock()), console.secureCookies());
        routes.mount(router);
        new IncidentPages(console.store(), console.catalog(), console.openApi(), templates, console.json(),
                console.clock()).mount(routes, router);
        new AlertPages(console.store(), console.catalog(), console.openApi(), templates, console.json(),
                console.clock()).mount(routes, router);
        new IntegrationPages(console.store(), console.catalog(), console.openApi(), templates, console.json(),
                console.clock(), console.ratePerSecond(), console.ratePerMinute()).mount(routes, router);
        new ChannelPages(console.catalog(), console.openApi(), templates, console.json())
                .mount(routes, router);
    }

    /**
     * Vert.x doing its socket I/O the way {@code --transport} asks; see {@link NetworkTransport}. Public for the
     * skeleton server of bench/skeleton-load.sh, which must run on the transport Quell runs on.
     */
    public static Vertx vertxOn(NetworkTransport wanted, VertxOptions options) {
        Transport ioUring = Transport.IO_URING;
        String whyNot = ioUring == null ? "no io_uring support on the class path"
                : ioUring.available() ? null : String.valueOf(ioUring.unavailabilityCause());
        if (whyNot == null && wanted != NetworkTransport.NIO) {
            return Vertx.builder().with(options).withTransport(ioUring).build();
        }
        if (wanted == NetworkTransport.IO_URING) {
            throw new StartupRefused("--transport io_uring: io_uring is not available here (" + whyNot + ")");
        }
        if (wanted == NetworkTransport.AUTO) {
            log.info("io_uring is not available ({}); using NIO", whyNot);
        }
        return Vertx.vertx(options);
    }

    /** The transport's flag value, {@code io_uring} or {@code nio}: the only native one Quell asks for is io_uring. */
    private static String transportOf(Vertx vertx) {
        return (vertx.isNativeTransportEnabled() ? NetworkTransport.IO_URING : NetworkTransport.NIO).flagValue();
    }

    /**
     * Listens from inside a verticle so that each server gets its own event loop: servers created from the
     * main thread may all land on one loop, leaving the other cores idle.
     */
    private static HttpServer listen(Vertx vertx, Handler<HttpServerRequest> requests, Envelope envelope, String bind,
                                     int port) {
        HttpServer[] listening = new HttpServer[1];
        try {
            vertx.deployVerticle(new VerticleBase() {
                @Override
                public Future<?> start() {
                    return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(false))
                            .requestHandler(requests)
                            .invalidRequestHandler(envelope::invalidRequest)
                            .listen(port, bind)
                            .onSuccess(server -> listening[0] = server);
                }
            }).await();
        } catch (Exception e) { // await() rethrows the bind's IOException as it is, unchecked or not
            // A port in use, an address this machine does not have, a privileged port: the operator's to fix.
            throw new StartupRefused("cannot listen on " + bind + ":" + Math.max(port, 0) + ": " + rootMessage(e), e);
        }
        return listening[0];
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /** An empty store gets a channel "Default" with one standard integration, so a first push just works. */
    private static Integration seedDefaultChannel(Catalog catalog, long now) {
        if (!catalog.channels().isEmpty()) {
            return null;
        }
        Channel channel = catalog.createChannel(Channel.newChannel("Default", "Created on first start", now));
        return catalog.createIntegration("Default standard integration", channel.channelId(), null, null, now);
    }

    /** A query string that is not valid percent-encoding is the client's mistake, not an internal error. */
    private static void rejectUndecodableQuery(RoutingContext ctx) {
        try {
            ctx.request().params();
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("the query string is not valid percent-encoding");
        }
        ctx.next();
    }

    private static void mountErrors(Router router, Envelope envelope) {
        router.errorHandler(404, ctx -> envelope.error(withRequestId(ctx, envelope), ErrorCode.RouteNotFound,
                "no route for " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx -> envelope.error(withRequestId(ctx, envelope), ErrorCode.MethodNotAllowed,
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx -> envelope.error(withRequestId(ctx, envelope), ErrorCode.InvalidParameter,
                "request body must be at most 1 MiB (" + PushRoutes.MAX_BODY_BYTES + " bytes)"));
        router.errorHandler(400, ctx -> envelope.error(withRequestId(ctx, envelope), ErrorCode.InvalidParameter,
                "the request could not be read"));
        router.errorHandler(500, ctx -> {
            Throwable failure = ctx.failure();
            if (failure instanceof ApiError error) {
                envelope.error(withRequestId(ctx, envelope), error);
                return;
            }
            log.error("unexpected failure on {} {} [{}]", ctx.request().method(), ctx.request().path(),
                    Envelope.requestId(ctx), failure);
            envelope.error(withRequestId(ctx, envelope), ErrorCode.InternalError,
                    "internal error; quote request_id " + Envelope.requestId(ctx) + " when reporting it");
        });
    }

    /** Error routes may run for a request that never reached the id handler; give it one then. */
    private static RoutingContext withRequestId(RoutingContext ctx, Envelope envelope) {
        if (Envelope.requestId(ctx) == null) {
            envelope.assignRequestIdOnly(ctx);
        }
        return ctx;
    }

    public int port() {
        return port;
    }

    /** How the HTTP server does its socket I/O: {@code io_uring} or {@code nio}. */
    public String transport() {
        return transportOf(vertx);
    }

    public String appKey() {
        return appKey;
    }

    public Catalog catalog() {
        return catalog;
    }

    public Store store() {
        return store;
    }

    /** Refuses new requests, answers the ones in flight once committed, then closes. Safe to call twice. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        draining.on = true;
        log.info("draining: refusing new requests, finishing {} queued events", writer.queued());
        for (HttpServer server : servers) {
            try {
                server.shutdown(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).await();
            } catch (RuntimeException e) {
                log.warn("HTTP server did not shut down cleanly", e);
            }
        }
        writer.close();
        vertx.close().await();
        store.close();
        dataDirLock.close();
        log.info("stopped");
    }
}
