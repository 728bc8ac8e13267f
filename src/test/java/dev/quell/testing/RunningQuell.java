package dev.quell.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quell.config.NetworkTransport;
import dev.quell.config.Settings;
import dev.quell.engine.Integration;
import dev.quell.http.QuellServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Quell server on a free loopback port with its data in a test's directory, and a client that speaks
 * to it over the socket. Close it to stop the server (draining, as SIGTERM would). Registered as a JUnit extension
 * ({@link #perTestClass}), it starts before a class's tests in a temporary directory and stops after them.
 */
public final class RunningQuell implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    public static final String APP_KEY = "test-app-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private QuellServer server;
    private String console;
    /** For {@link #perTestClass}: the rate limits to start with, and the directory made for the data. */
    private int ratePerSecond;
    private int ratePerMinute;
    private Path temporaryData;

    private RunningQuell(QuellServer server, String console) {
        this.server = server;
        this.console = console;
    }

    /**
     * A server for every test of a class: {@code @RegisterExtension static final RunningQuell quell =
     * RunningQuell.perTestClass(0, 0);} (0 = no rate limit).
     */
    public static RunningQuell perTestClass(int ratePerSecond, int ratePerMinute) {
        RunningQuell quell = new RunningQuell(null, null);
        quell.ratePerSecond = ratePerSecond;
        quell.ratePerMinute = ratePerMinute;
        return quell;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        temporaryData = Files.createTempDirectory("quell-test-");
        RunningQuell started = start(temporaryData, ratePerSecond, ratePerMinute);
        server = started.server;
        console = started.console;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
        try (Stream<Path> files = Files.walk(temporaryData)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    public static RunningQuell start(Path dataDir) {
        return start(dataDir, 100, 1000);
    }

    public static RunningQuell start(Path dataDir, int ratePerSecond, int ratePerMinute) {
        return start(new Settings("127.0.0.1", freePort(), dataDir, APP_KEY, null, ratePerSecond, ratePerMinute,
                20_000, 2_000, false, NetworkTransport.AUTO));
    }

    public static RunningQuell start(Settings settings) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        QuellServer server = QuellServer.start(settings, new PrintStream(console, true, StandardCharsets.UTF_8));
        return new RunningQuell(server, console.toString(StandardCharsets.UTF_8));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public QuellServer server() {
        return server;
    }

    /** The data directory of a server started by {@link #perTestClass}, for tests that read the database itself. */
    public Path dataDir() {
        return temporaryData;
    }

    /** What the server printed on start. */
    public String console() {
        return console;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The key of the integration Quell created on first start. */
    public String defaultIntegrationKey() {
        return server.catalog().integrations().stream().findFirst().map(Integration::integrationKey).orElseThrow();
    }

    public Reply push(String integrationKey, String body) {
        return send("POST", "/event/push/alert/standard?integration_key=" + integrationKey, "application/json", body);
    }

    public Reply push(String body) {
        return push(defaultIntegrationKey(), body);
    }

    public Reply openApi(String path, String body) {
        return send("POST", path + "?app_key=" + APP_KEY, "application/json", body);
    }

    /** Creates a channel through the Open API from the request's fields and answers its id. */
    public long createChannel(String fields) {
        Reply reply = openApi("/channel/create", fields);
        if (reply.status() != 200) {
            throw new IllegalStateException("cannot create channel: " + reply.body());
        }
        return reply.data().path("channel_id").asLong();
    }

    /** Creates an integration in the channel and answers its push key. */
    public String integrationKeyIn(long channelId) {
        return openApi("/integration/create", "{\"integration_name\":\"in " + channelId + "\",\"channel_id\":"
                + channelId + "}").data().path("integration_key").asText();
    }

    public Reply send(String method, String pathAndQuery, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Flashcat-Request-Id").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: its status, the request-id and Retry-After headers, and the parsed envelope. */
    public record Reply(int status, String requestIdHeader, String retryAfter, JsonNode body) {
        public String errorCode() {
            return body.path("error").path("code").asText(null);
        }

        public String errorMessage() {
            return body.path("error").path("message").asText(null);
        }

        public JsonNode data() {
            return body.path("data");
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
