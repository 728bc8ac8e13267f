package dev.quell.testing;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-less client of the web console over the socket: it keeps the session cookie, does not follow redirects
 * (tests look at them), and sends the CSRF token of the last page it read with every form, as a browser would.
 */
public final class ConsoleClient {
    private static final Pattern FIRST_PASSWORD = Pattern.compile("user admin, password \\(shown once[^)]*\\): (\\S+)");

    private final RunningQuell quell;
    private final HttpClient http;
    private String csrf = "";

    private ConsoleClient(RunningQuell quell) {
        this.quell = quell;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A client with no session. */
    public static ConsoleClient signedOut(RunningQuell quell) {
        return new ConsoleClient(quell);
    }

    /** A client signed in as the {@code admin} the server created on first start (its password is in the log). */
    public static ConsoleClient signedIn(RunningQuell quell) {
        ConsoleClient client = new ConsoleClient(quell);
        Page signedIn = client.signIn("admin", firstPassword(quell));
        if (signedIn.status() != 303) {
            throw new IllegalStateException("admin could not sign in: " + signedIn.status() + " " + signedIn.body());
        }
        client.get("/");
        return client;
    }

    /** The password the server printed for {@code admin} on its first start. */
    public static String firstPassword(RunningQuell quell) {
        Matcher m = FIRST_PASSWORD.matcher(quell.console());
        if (!m.find()) {
            throw new IllegalStateException("the server printed no first password: " + quell.console());
        }
        return m.group(1);
    }

    public Page signIn(String username, String password) {
        return send("POST", "/signin", form(Map.of("username", username, "password", password, "next", "/")));
    }

    /** GETs a page; a 200 page's CSRF token becomes the one later forms send. */
    public Page get(String path) {
        Page page = send("GET", path, null);
        Element token = page.html().selectFirst("input[name=csrf]");
        if (token != null) {
            csrf = token.attr("value");
        }
        return page;
    }

    /** POSTs a form with the current CSRF token. */
    public Page post(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.putIfAbsent("csrf", csrf);
        return send("POST", path, form(withToken));
    }

    /** POSTs a form exactly as given (no CSRF token added). */
    public Page postRaw(String path, Map<String, String> fields) {
        return send("POST", path, form(fields));
    }

    /** POSTs a form, then GETs where it redirected to. */
    public Page submit(String path, Map<String, String> fields) {
        Page answer = post(path, fields);
        if (answer.status() != 303) {
            throw new IllegalStateException(path + " answered " + answer.status() + ", not a redirect: " + answer.body());
        }
        return get(answer.location());
    }

    public String csrf() {
        return csrf;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private Page send(String method, String path, String formBody) {
        String url = path.startsWith("http") ? path : quell.baseUrl() + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, formBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(formBody, StandardCharsets.UTF_8));
        if (formBody != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer: status, redirect target (or null), body and headers; {@link #html()} parses the body. */
    public record Page(int status, String location, String body, Map<String, java.util.List<String>> headers) {
        public Document html() {
            return Jsoup.parse(body);
        }

        /** The notice the page shows about the last action, or null. */
        public String notice() {
            Element notice = html().selectFirst("#notice");
            return notice == null ? null : notice.text();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }
}
