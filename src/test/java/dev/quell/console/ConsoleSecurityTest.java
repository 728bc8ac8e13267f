package dev.quell.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quell.testing.ConsoleClient;
import dev.quell.testing.ConsoleClient.Page;
import dev.quell.testing.RunningQuell;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's defences, over the socket: sessions and CSRF tokens guard every state change, sign-in is throttled
 * and sends no one off-site, the APIs and the console never accept each other's credentials, and user data is
 * always shown as text.
 */
class ConsoleSecurityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String BREAKOUT = "\"><img src=x onerror=alert(2)>";
    /** Sends requests as given, with no cookie jar and no redirects followed, so each test controls every header. */
    private static final HttpClient HTTP = client(HttpClient.Version.HTTP_1_1);

    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private final ConsoleClient console = ConsoleClient.signedIn(quell);

    // --- state changes need a session, its CSRF token and a same-origin request ---

    @Test
    void anActionWithoutASessionIsRefusedAndChangesNothing() {
        String id = pushIncident("no-session", "No session");
        console.get("/incidents/" + id);
        Page refused = ConsoleClient.signedOut(quell).postRaw("/incidents/" + id + "/ack",
                Map.of("csrf", console.csrf()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.notice()).contains("Sign in again");
        assertThat(progressOf(id)).isEqualTo("Triggered");
    }

    @Test
    void anActionWithoutTheSessionsOwnCsrfTokenIsRefusedAndChangesNothing() {
        String id = pushIncident("csrf", "CSRF");
        String othersToken = ConsoleClient.signedIn(quell).csrf();
        console.get("/incidents/" + id);
        for (Map<String, String> form : List.of(Map.<String, String>of(), Map.of("csrf", ""),
                Map.of("csrf", "not-the-token"), Map.of("csrf", othersToken))) {
            Page refused = console.postRaw("/incidents/" + id + "/ack", form);
            assertThat(refused.status()).as("ack with %s", form).isEqualTo(403);
            assertThat(refused.notice()).contains("did not come from Quell");
        }
        assertThat(progressOf(id)).isEqualTo("Triggered");

        assertThat(console.post("/incidents/" + id + "/ack", Map.of()).status()).isEqualTo(303);
        assertThat(progressOf(id)).isEqualTo("Processing");
    }

    /** Over HTTP/1.1 the server's name is in the Host header; over HTTP/2 (h2c here) in :authority. */
    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void aCrossOriginActionIsRefusedEvenWithSessionAndToken(HttpClient.Version version) {
        String id = pushIncident("cross-origin-" + version, "Cross origin " + version);
        HttpClient http = client(version);
        String cookie = signInRaw(http);
        String token = csrfOn(http, cookie, "/incidents/" + id);
        String ack = form(Map.of("csrf", token));
        for (String[] header : List.of(new String[]{"Origin", "https://evil.example"},
                new String[]{"Origin", "null"}, new String[]{"Referer", "https://evil.example/page"})) {
            HttpResponse<String> refused = send(http, "POST", "/incidents/" + id + "/ack", ack, "Cookie", cookie,
                    header[0], header[1]);
            assertThat(refused.statusCode()).as("%s: %s", header[0], header[1]).isEqualTo(403);
        }
        assertThat(progressOf(id)).isEqualTo("Triggered");

        assertThat(send(http, "POST", "/incidents/" + id + "/ack", ack, "Cookie", cookie,
                "Origin", quell.baseUrl()).statusCode()).isEqualTo(303);
        assertThat(progressOf(id)).isEqualTo("Processing");
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void aSignInFormPostedFromAnotherSiteIsRefused(HttpClient.Version version) {
        HttpClient http = client(version);
        assertThat(send(http, "GET", "/signin", null).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = send(http, "POST", "/signin", form(Map.of("username", "admin",
                "password", ConsoleClient.firstPassword(quell), "next", "/")), "Origin", "https://evil.example");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();
    }

    // --- pages without a session ---

    @Test
    void aPageWithoutASessionGoesToSignInAndBackAfterwards() {
        ConsoleClient visitor = ConsoleClient.signedOut(quell);
        Page away = visitor.get("/incidents/list?progress=all&q=x");
        assertThat(away.status()).isEqualTo(303);
        assertThat(away.location()).isEqualTo("/signin?next=%2Fincidents%2Flist%3Fprogress%3Dall%26q%3Dx");

        Page signInPage = visitor.get(away.location());
        String next = signInPage.html().selectFirst("input[name=next]").attr("value");
        assertThat(next).isEqualTo("/incidents/list?progress=all&q=x");
        Page signedIn = visitor.postRaw("/signin", Map.of("username", "admin",
                "password", ConsoleClient.firstPassword(quell), "next", next));
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.location()).isEqualTo(next);
    }

    @Test
    void anHtmxRequestWithoutASessionIsToldToGoToSignIn() {
        HttpResponse<String> answer = send("GET", "/incidents/list", null, "HX-Request", "true");
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("HX-Redirect")).hasValue("/signin");
    }

    // --- sign-in ---

    @Test
    void wrongPasswordsAreRefusedAndAfterFiveEvenTheRightOneWaits(@TempDir Path data) {
        try (RunningQuell own = RunningQuell.start(data, 0, 0)) {
            ConsoleClient client = ConsoleClient.signedOut(own);
            for (int attempt = 1; attempt <= SignInThrottle.MAX_FAILURES; attempt++) {
                Page wrong = client.signIn("admin", "not-the-password-" + attempt);
                assertThat(wrong.status()).as("attempt %d", attempt).isEqualTo(401);
                assertThat(wrong.notice()).isEqualTo("Wrong user name or password.");
                assertThat(wrong.header("Set-Cookie")).isNull();
            }
            Page throttled = client.signIn("admin", ConsoleClient.firstPassword(own));
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(Long.parseLong(throttled.header("Retry-After")))
                    .isBetween(1L, SignInThrottle.WINDOW_SECONDS);
            assertThat(throttled.notice()).startsWith("Too many failed sign-ins");
            assertThat(throttled.header("Set-Cookie")).isNull();
            assertThat(client.get("/").status()).as("no session came of it").isEqualTo(303);
        }
    }

    @Test
    void aSuccessBeforeTheLimitSignsInAndClearsTheNamesFailures(@TempDir Path data) {
        try (RunningQuell own = RunningQuell.start(data, 0, 0)) {
            ConsoleClient client = ConsoleClient.signedOut(own);
            for (int attempt = 1; attempt < SignInThrottle.MAX_FAILURES; attempt++) {
                assertThat(client.signIn("admin", "not-the-password").status()).isEqualTo(401);
            }
            Page signedIn = client.signIn("admin", ConsoleClient.firstPassword(own));
            assertThat(signedIn.status()).isEqualTo(303);
            assertThat(client.get("/").status()).isEqualTo(200);
        }
    }

    @Test
    void anUnknownUserGetsExactlyTheAnswerOfAWrongPasswordAndIsThrottledAlike(@TempDir Path data) {
        try (RunningQuell own = RunningQuell.start(data, 0, 0)) {
            ConsoleClient client = ConsoleClient.signedOut(own);
            Page wrongPassword = client.signIn("admin", "not-the-password");
            Page unknownUser = client.signIn("nobody", "not-the-password");
            assertThat(unknownUser.status()).isEqualTo(401);
            assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
            for (int attempt = 3; attempt <= SignInThrottle.MAX_FAILURES; attempt++) {
                assertThat(client.signIn("nobody", "not-the-password").status()).isEqualTo(401);
            }
            assertThat(client.signIn("nobody", "not-the-password").status()).isEqualTo(429);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "https://evil.example", "http://evil.example/", "/\\evil.example",
            "\\\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\r\nSet-Cookie: planted=1",
            "javascript:alert(1)", "evil.example"})
    void aNextOffThisServerIsIgnored(String next) {
        ConsoleClient visitor = ConsoleClient.signedOut(quell);
        Page signInPage = visitor.get("/signin?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        assertThat(signInPage.html().selectFirst("input[name=next]").attr("value")).isEqualTo("/");

        Page signedIn = visitor.postRaw("/signin", Map.of("username", "admin",
                "password", ConsoleClient.firstPassword(quell), "next", next));
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.location()).isEqualTo("/");
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxScopedToTheSiteAndExpires() {
        HttpResponse<String> signedIn = send("POST", "/signin", form(Map.of("username", "admin",
                "password", ConsoleClient.firstPassword(quell), "next", "/")));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(Sessions.COOKIE + "=").containsIgnoringCase("; HttpOnly")
                .containsIgnoringCase("; SameSite=Lax").containsIgnoringCase("; Path=/")
                .containsIgnoringCase("; Max-Age=" + Sessions.LIFETIME_SECONDS);
        assertThat(cookie).as("served over plain http here, so not Secure").doesNotContainIgnoringCase("; Secure");
        assertThat(cookie.substring((Sessions.COOKIE + "=").length(), cookie.indexOf(';')))
                .as("an unguessable token").hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void signingOutEndsTheSessionForGood() {
        String cookie = signInRaw();
        String token = csrfOn(cookie, "/");
        HttpResponse<String> signedOut = send("POST", "/signout", form(Map.of("csrf", token)), "Cookie", cookie);
        assertThat(signedOut.statusCode()).isEqualTo(303);
        assertThat(signedOut.headers().firstValue("Location")).hasValue("/signin");
        assertThat(signedOut.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith(Sessions.COOKIE + "=;").containsIgnoringCase("Max-Age=0");

        assertThat(send("GET", "/", null, "Cookie", cookie).statusCode()).isEqualTo(303);
        String id = pushIncident("after-signout", "After sign-out");
        assertThat(send("POST", "/incidents/" + id + "/ack", form(Map.of("csrf", token)), "Cookie", cookie)
                .statusCode()).isEqualTo(403);
        assertThat(progressOf(id)).isEqualTo("Triggered");
    }

    @Test
    void aPasswordChangeEndsTheUsersLiveSessions() {
        ConsoleUsers users = new ConsoleUsers(quell.server().store(), () -> System.currentTimeMillis() / 1000);
        users.add("carol", "first password 1");
        ConsoleClient carol = ConsoleClient.signedOut(quell);
        assertThat(carol.signIn("carol", "first password 1").status()).isEqualTo(303);
        assertThat(carol.get("/").status()).isEqualTo(200);

        users.setPassword("carol", "second password 2");

        Page after = carol.get("/");
        assertThat(after.status()).isEqualTo(303);
        assertThat(after.location()).startsWith("/signin");
        assertThat(carol.signIn("carol", "second password 2").status()).isEqualTo(303);
        assertThat(carol.get("/").status()).isEqualTo(200);
    }

    // --- the APIs and the console keep their credentials apart ---

    @Test
    void theAppKeyDoesNotOpenTheConsole() {
        String id = pushIncident("app-key", "App key");
        ConsoleClient visitor = ConsoleClient.signedOut(quell);
        Page page = visitor.get("/?app_key=" + RunningQuell.APP_KEY);
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.location()).startsWith("/signin?next=");
        Page action = visitor.postRaw("/incidents/" + id + "/ack?app_key=" + RunningQuell.APP_KEY,
                Map.of("app_key", RunningQuell.APP_KEY));
        assertThat(action.status()).isEqualTo(403);
        assertThat(progressOf(id)).isEqualTo("Triggered");
    }

    @Test
    void theApisDoNotAcceptAConsoleSession() {
        String id = pushIncident("api-cookie", "API cookie");
        String cookie = signInRaw();

        HttpResponse<String> openApi = send("POST", "/incident/ack", "{\"incident_ids\":[\"" + id + "\"]}",
                "Cookie", cookie, "Content-Type", "application/json");
        assertThat(openApi.statusCode()).isEqualTo(401);
        assertThat(send("POST", "/incident/list", "{}", "Cookie", cookie, "Content-Type", "application/json")
                .statusCode()).isEqualTo(401);
        assertThat(progressOf(id)).isEqualTo("Triggered");

        HttpResponse<String> push = send("POST", "/event/push/alert/standard",
                "{\"title_rule\":\"pushed with a cookie\",\"event_status\":\"Warning\"}",
                "Cookie", cookie, "Content-Type", "application/json");
        assertThat(push.statusCode()).isEqualTo(400);
        assertThat(push.body()).contains("integration_key");
        assertThat(console.get("/?progress=all&q=pushed+with+a+cookie").html().select("tr.incident")).isEmpty();
    }

    // --- user data is text, never markup ---

    @Test
    void userDataIsShownLiterallyOnEveryPage() throws IOException {
        String title = "Disk " + SCRIPT + BREAKOUT;
        String description = "desc " + SCRIPT + BREAKOUT;
        String label = "label " + SCRIPT + BREAKOUT;
        Map<String, Object> event = Map.of("title_rule", title, "event_status", "Critical",
                "alert_key", "xss", "description", description, "labels", Map.of("note", label));
        assertThat(quell.push(JSON.writeValueAsString(event)).status()).isEqualTo(200);

        Page list = console.get("/?progress=all&q=Disk");
        assertOnlyQuellsMarkup(list);
        Element row = list.html().selectFirst("tr.incident a");
        assertThat(row.text()).isEqualTo(title);
        String id = list.html().selectFirst("tr.incident").attr("data-incident-id");
        assertOnlyQuellsMarkup(console.get("/incidents/list?progress=all&q=Disk"));

        console.get("/incidents/" + id);
        Page incident = console.submit("/incidents/" + id + "/comment", Map.of("comment", "seen " + SCRIPT + BREAKOUT));
        assertOnlyQuellsMarkup(incident);
        Document page = incident.html();
        assertThat(page.title()).isEqualTo(title + " · Quell");
        assertThat(page.selectFirst("h1").text()).endsWith(title);
        assertThat(page.selectFirst("p.description").text()).isEqualTo(description);
        assertThat(page.selectFirst(".labels li .value").text()).isEqualTo(label);
        assertThat(page.selectFirst("input[name=title]").attr("value")).isEqualTo(title);
        assertThat(page.selectFirst("table.alerts tbody a").text()).isEqualTo(title);
        assertThat(page.select("#timeline li").eachText()).anySatisfy(entry -> assertThat(entry)
                .endsWith("seen " + SCRIPT + BREAKOUT));
    }

    @Test
    void addressesAndParametersAreShownLiterallyToo() {
        Page notFound = console.get("/incidents/" + URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8));
        assertThat(notFound.status()).isEqualTo(404);
        assertOnlyQuellsMarkup(notFound);

        Page search = console.get("/?q=" + URLEncoder.encode(BREAKOUT + SCRIPT, StandardCharsets.UTF_8));
        assertOnlyQuellsMarkup(search);
        assertThat(search.html().selectFirst("input[name=q]").attr("value")).isEqualTo(BREAKOUT + SCRIPT);

        String next = "/\">" + SCRIPT;
        Page signIn = ConsoleClient.signedOut(quell).get("/signin?next=" + URLEncoder.encode(next,
                StandardCharsets.UTF_8));
        assertOnlyQuellsMarkup(signIn);
        assertThat(signIn.html().selectFirst("input[name=next]").attr("value")).isEqualTo(next);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (Page page : List.of(console.get("/"), console.get("/incidents/0123456789abcdef01234567"),
                ConsoleClient.signedOut(quell).get("/signin"),
                ConsoleClient.signedOut(quell).postRaw("/incidents/0123456789abcdef01234567/ack", Map.of()))) {
            assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'")
                    .contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.header("Cache-Control")).isEqualTo("no-store");
            assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
        }
    }

    // --- helpers ---

    /** The only script is Quell's own htmx; nothing carries an event handler or an image someone slipped in. */
    private static void assertOnlyQuellsMarkup(Page page) {
        Document html = page.html();
        assertThat(page.body()).doesNotContain(SCRIPT).doesNotContain("<img");
        assertThat(html.select("script").eachAttr("src")).allMatch("/assets/htmx.min.js"::equals);
        assertThat(html.select("script").stream().map(Element::data).collect(Collectors.joining())).isEmpty();
        assertThat(html.select("img")).isEmpty();
        assertThat(html.getAllElements().stream().flatMap(e -> e.attributes().asList().stream())
                .map(a -> a.getKey().toLowerCase()).filter(name -> name.startsWith("on")).toList()).isEmpty();
    }

    private String pushIncident(String key, String title) {
        assertThat(quell.push("{\"title_rule\":\"" + title + "\",\"event_status\":\"Warning\",\"alert_key\":\""
                + key + "\"}").status()).isEqualTo(200);
        Element row = console.get("/?progress=all&q=" + URLEncoder.encode(title, StandardCharsets.UTF_8))
                .html().selectFirst("tr.incident");
        assertThat(row).as("incident " + title + " listed").isNotNull();
        return row.attr("data-incident-id");
    }

    private static String progressOf(String incidentId) {
        return quell.openApi("/incident/info", "{\"incident_id\":\"" + incidentId + "\"}").data().path("progress")
                .asText();
    }

    /** Signs in as admin and answers the {@code Cookie} header value that carries the new session. */
    private static String signInRaw() {
        return signInRaw(HTTP);
    }

    private static String signInRaw(HttpClient http) {
        HttpResponse<String> signedIn = send(http, "POST", "/signin", form(Map.of("username", "admin",
                "password", ConsoleClient.firstPassword(quell), "next", "/")));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String csrfOn(String cookie, String path) {
        return csrfOn(HTTP, cookie, path);
    }

    private static String csrfOn(HttpClient http, String cookie, String path) {
        HttpResponse<String> page = send(http, "GET", path, null, "Cookie", cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        return Jsoup.parse(page.body()).selectFirst("input[name=csrf]").attr("value");
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream().map(e -> URLEncoder.encode(e.getKey(),
                StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers) {
        return send(HTTP, method, path, body, headers);
    }

    /**
     * A client of its own speaking {@code version}: over HTTP/2 its first request upgrades the connection (h2c) and
     * the later ones travel as HTTP/2 streams, which carry no Host header.
     */
    private static HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One request; a body without an explicit Content-Type is sent as a form. Headers come as name, value pairs. */
    private static HttpResponse<String> send(HttpClient http, String method, String path, String body,
                                             String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(quell.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
