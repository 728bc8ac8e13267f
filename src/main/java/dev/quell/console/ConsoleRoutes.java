package dev.quell.console;

import dev.quell.http.ApiError;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The web console's HTTP edge: its assets, sign-in and sign-out, and the guard every other page passes (a session
 * cookie, and on state-changing requests a CSRF token and a same-origin check). Pages themselves live in page
 * classes ({@link IncidentPages}, ...) that register here and see only {@link ConsoleRequest}s.
 */
public final class ConsoleRoutes {
    private static final Logger log = LoggerFactory.getLogger(ConsoleRoutes.class);
    private static final int MAX_FORM_BYTES = 64 * 1024;
    private static final String HTMX_PATH = "/META-INF/resources/webjars/htmx.org/" + htmxVersion() + "/dist/htmx.min.js";
    /** Everything a page loads comes from Quell itself; nothing runs inline. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** A page or action: reads and writes go through the store and the writer, so it runs on a worker thread. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(ConsoleRequest request) throws Exception;
    }

    /** Thrown by a handler when what the path names does not exist: a 404 page. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    private final Templates templates;
    private final ConsoleUsers users;
    private final Sessions sessions;
    private final SignInThrottle throttle;
    private final boolean secureCookies;
    private final byte[] htmx;
    private final byte[] css;

    public ConsoleRoutes(Templates templates, ConsoleUsers users, Sessions sessions, SignInThrottle throttle,
                         boolean secureCookies) {
        this.templates = templates;
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.secureCookies = secureCookies;
        this.htmx = resource(HTMX_PATH);
        this.css = resource("/console/quell.css");
    }

    public Templates templates() {
        return templates;
    }

    /** Mounts the assets, sign-in and sign-out; page classes then add theirs with {@link #page} and {@link #action}. */
    public void mount(Router router) {
        router.route(HttpMethod.GET, "/assets/htmx.min.js").handler(ctx -> asset(ctx, htmx, "text/javascript"));
        router.route(HttpMethod.GET, "/assets/quell.css").handler(ctx -> asset(ctx, css, "text/css"));
        router.route(HttpMethod.GET, "/signin").handler(ctx -> send(ctx, Reply.html(signInPage(null,
                ctx.request().getParam("next")))));
        router.route(HttpMethod.POST, "/signin").handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES))
                .handler(this::signIn);
        router.route(HttpMethod.POST, "/signout").handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES))
                .handler(ctx -> guarded(ctx, true, request -> {
                    sessions.close(cookie(ctx));
                    ctx.response().addCookie(sessionCookie("", 0));
                    return Reply.redirect("/signin");
                }));
    }

    /** A page: GET, for a signed-in user. */
    public void page(Router router, String path, Handler handler) {
        router.route(HttpMethod.GET, path).handler(ctx -> guarded(ctx, false, handler));
    }

    /** An action: POST, for a signed-in user, with the session's CSRF token. */
    public void action(Router router, String path, Handler handler) {
        router.route(HttpMethod.POST, path).handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES))
                .handler(ctx -> guarded(ctx, true, handler));
    }

    /**
     * Runs {@code handler} when it runs its course: a session, and for a state change a same-origin request carrying
     * the session's CSRF token. Otherwise a page without a session goes to sign-in and anything else is refused.
     */
    private void guarded(RoutingContext ctx, boolean changesState, Handler handler) {
        Sessions.Session session = sessions.find(cookie(ctx)).orElse(null);
        if (session == null) {
            signInAgain(ctx, changesState);
            return;
        }
        if (changesState && !(sameOrigin(ctx) && MessageDigest.isEqual(
                session.csrfToken().getBytes(StandardCharsets.UTF_8),
                ctx.request().formAttributes().get("csrf") == null ? new byte[0]
                        : ctx.request().formAttributes().get("csrf").getBytes(StandardCharsets.UTF_8)))) {
            log.warn("refused {} {}: missing or wrong CSRF token or cross-origin request", ctx.request().method(),
                    ctx.request().path());
            refuse(ctx, 403, "This form has expired or did not come from Quell. Reload the page and try again.");
            return;
        }
        ConsoleRequest request = new ConsoleRequest(session, params(ctx), Map.copyOf(ctx.pathParams()));
        ctx.vertx().executeBlocking(() -> {
            if (!java.util.Objects.equals(users.passwordHash(session.username()), session.passwordHash())) {
                throw new PasswordChanged();
            }
            return handler.handle(request);
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                send(ctx, done.result());
            } else if (done.cause() instanceof PasswordChanged) {
                sessions.close(cookie(ctx));
                log.info("session of {} ended: the password changed or the user is gone", session.username());
                signInAgain(ctx, changesState);
            } else if (done.cause() instanceof NotFound missing) {
                refuse(ctx, 404, missing.getMessage());
            } else if (done.cause() instanceof ApiError refused) {
                refuse(ctx, 400, refused.getMessage());
            } else {
                log.error("console {} {} failed", ctx.request().method(), ctx.request().path(), done.cause());
                refuse(ctx, 500, "Something went wrong on the server; the log says what.");
            }
        });
    }

    /** The user changed their password (or was removed) since this session began. */
    private static final class PasswordChanged extends RuntimeException {
        PasswordChanged() {
            super(null, null, false, false);
        }
    }

    /** No session holds: a page goes to sign-in (and back after it), anything else is refused. */
    private void signInAgain(RoutingContext ctx, boolean changesState) {
        if (changesState) {
            refuse(ctx, 403, "Your session has ended. Sign in again, then repeat what you did.");
        } else if (ctx.request().getHeader("HX-Request") != null) {
            ctx.response().setStatusCode(401).putHeader("HX-Redirect", "/signin").end();
        } else {
            send(ctx, Reply.redirect("/signin?next=" + java.net.URLEncoder.encode(ctx.request().uri(),
                    StandardCharsets.UTF_8)));
        }
    }

    private void signIn(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        String username = form.get("username") == null ? "" : form.get("username").strip();
        String password = form.get("password") == null ? "" : form.get("password");
        String next = safeNext(form.get("next"));
        if (!sameOrigin(ctx)) {
            refuse(ctx, 403, "Sign-in forms are accepted only from Quell's own page.");
            return;
        }
        String byUser = "user:" + username;
        String byAddress = "addr:" + ctx.request().remoteAddress().hostAddress();
        long wait = Math.max(throttle.retryAfter(byUser), throttle.retryAfter(byAddress));
        if (wait > 0) {
            log.warn("sign-in for {} from {} refused: too many failures", username, byAddress);
            ctx.response().putHeader("Retry-After", Long.toString(wait));
            send(ctx, new Reply.Html(429, signInPage(Notice.refused("Too many failed sign-ins. Try again in "
                    + ((wait + 59) / 60) + " minute(s)."), next)));
            return;
        }
        // The hash the password matched, or null: the session keeps it to notice a later password change.
        ctx.vertx().executeBlocking(() -> users.verify(username, password) ? users.passwordHash(username) : null,
                false).onComplete(checked -> {
            if (checked.failed()) {
                log.error("sign-in check failed", checked.cause());
                refuse(ctx, 500, "Something went wrong on the server; the log says what.");
            } else if (checked.result() != null) {
                throttle.succeeded(byUser);
                ctx.response().addCookie(sessionCookie(sessions.open(username, checked.result()),
                        Sessions.LIFETIME_SECONDS));
                log.info("{} signed in from {}", username, byAddress);
                send(ctx, Reply.redirect(next));
            } else {
                throttle.failed(byUser);
                throttle.failed(byAddress);
                log.warn("failed sign-in for {} from {}", username, byAddress);
                send(ctx, new Reply.Html(401, signInPage(Notice.refused("Wrong user name or password."), next)));
            }
        });
    }

    private String signInPage(Notice notice, String next) {
        return templates.render("signin.jte", new SignInPage(Chrome.signedOut(notice), safeNext(next)));
    }

    /** The sign-in page: where to go after it (a path on this server). */
    public record SignInPage(Chrome chrome, String next) {
    }

    /**
     * Only a local path may follow sign-in, so a crafted link cannot send someone elsewhere. Control characters and
     * spaces are refused too: browsers drop tabs and line breaks from a Location, which turns {@code /<TAB>/host}
     * into {@code //host}, and a line break could end the header.
     */
    private static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//")
                && next.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '\\') ? next : "/";
    }

    /**
     * A browser's Origin (or, failing that, Referer) must name this server when it says anything at all. The
     * server's name is the request's authority: the Host header in HTTP/1.1, the :authority pseudo-header in HTTP/2
     * (which has no Host header).
     */
    private static boolean sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            origin = ctx.request().getHeader("Referer");
        }
        if (origin == null) {
            return true;
        }
        HostAndPort server = ctx.request().authority();
        try {
            URI uri = URI.create(origin);
            return server != null && uri.getHost() != null
                    && bare(uri.getHost()).equalsIgnoreCase(bare(server.host())) && uri.getPort() == server.port();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An IPv6 literal without its brackets, so both ways of writing it compare equal. */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Map<String, List<String>> params(RoutingContext ctx) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        add(params, ctx.queryParams());
        add(params, ctx.request().formAttributes());
        return params;
    }

    private static void add(Map<String, List<String>> into, MultiMap from) {
        for (String name : from.names()) {
            into.computeIfAbsent(name, n -> new ArrayList<>()).addAll(from.getAll(name));
        }
    }

    private static String cookie(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    private Cookie sessionCookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(Sessions.COOKIE, value).setPath("/").setHttpOnly(true).setSecure(secureCookies)
                .setSameSite(CookieSameSite.LAX).setMaxAge(maxAgeSeconds);
    }

    private void refuse(RoutingContext ctx, int status, String message) {
        send(ctx, new Reply.Html(status, templates.render("problem.jte",
                new ProblemPage(Chrome.signedOut(Notice.refused(message)), status))));
    }

    /** An error page: the status and, in the chrome's notice, what went wrong. */
    public record ProblemPage(Chrome chrome, int status) {
    }

    private static void send(RoutingContext ctx, Reply reply) {
        HttpServerResponse response = ctx.response();
        response.putHeader("Cache-Control", "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (reply instanceof Reply.Html html) {
            response.setStatusCode(html.status()).putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(html.body());
        } else if (reply instanceof Reply.Redirect redirect) {
            response.setStatusCode(303).putHeader("Location", redirect.location()).end();
        }
    }

    private static void asset(RoutingContext ctx, byte[] body, String type) {
        ctx.response().putHeader("Content-Type", type + "; charset=utf-8")
                .putHeader("Cache-Control", "public, max-age=3600")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private static byte[] resource(String path) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path + " (is the jar complete?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The htmx version the build packs (the webjar's own properties name it). */
    private static String htmxVersion() {
        java.util.Properties properties = new java.util.Properties();
        try {
            properties.load(new java.io.ByteArrayInputStream(
                    resource("/META-INF/maven/org.webjars.npm/htmx.org/pom.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
