package dev.quell.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Quell in its own JVM, started as {@code quell serve} would be, so a test can kill it with SIGKILL or stop it
 * with SIGTERM. Its output goes to {@code <data>-server.log}, beside the data directory ({@link #logOf}).
 */
public final class QuellProcess implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;

    private QuellProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static QuellProcess start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, List.of());
    }

    /** Started with {@code jvmOptions} before the class path, as {@code QUELL_JAVA_OPTS} would give them. */
    public static QuellProcess start(Path dataDir, int port, List<String> jvmOptions) throws IOException {
        QuellProcess quell = new QuellProcess(serve(dataDir, port, jvmOptions).start(), port);
        quell.awaitHealthy(Duration.ofSeconds(60));
        return quell;
    }

    /** A start that should be refused: waits for the process to exit and gives its status and output. */
    public static Exit serveUntilExit(Path dataDir, List<String> jvmOptions, Duration timeout)
            throws IOException, InterruptedException {
        Process process = serve(dataDir, RunningQuell.freePort(), jvmOptions).start();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("quell serve was still running after " + timeout);
        }
        return new Exit(process.exitValue(), logOf(dataDir));
    }

    /** Everything the servers started on {@code dataDir} printed. */
    public static String logOf(Path dataDir) throws IOException {
        return java.nio.file.Files.readString(logFile(dataDir));
    }

    private static Path logFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    }

    /** How a process ended: its exit status and everything it printed. */
    public record Exit(int status, String output) {
    }

    private static ProcessBuilder serve(Path dataDir, int port, List<String> jvmOptions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The server logs as in production (logback.xml), not as the tests do (logback-test.xml).
        String logConfig = QuellProcess.class.getResource("/logback.xml").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m",
                "-Dlogback.configurationFile=" + logConfig));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.quell.Main", "serve", "--port",
                Integer.toString(port), "--data", dataDir.toString(), "--rate-per-second", "0",
                "--rate-per-minute", "0"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(dataDir).toFile()));
        builder.environment().put("QUELL_APP_KEY", RunningQuell.APP_KEY);
        return builder;
    }

    private void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Quell exited with " + process.exitValue() + " before it was healthy");
            }
            try {
                HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(uri("/health")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Quell was not healthy within " + timeout);
    }

    public long pid() {
        return process.pid();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** POSTs and returns the status and parsed body; IOException when the server is gone. */
    public RunningQuell.Reply post(String pathAndQuery, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new RunningQuell.Reply(response.statusCode(),
                response.headers().firstValue("Flashcat-Request-Id").orElse(null),
                response.headers().firstValue("Retry-After").orElse(null), JSON.readTree(response.body()));
    }

    public String defaultIntegrationKey() throws IOException, InterruptedException {
        return post("/integration/list?app_key=" + RunningQuell.APP_KEY, "{}")
                .data().path("items").get(0).path("integration_key").asText();
    }

    /** How many of {@code alertKeys} have an alert, asked through {@code /alert/list}, 100 keys at a time. */
    public long alertsWithKeys(List<String> alertKeys, long since, long until) throws IOException, InterruptedException {
        long found = 0;
        for (int from = 0; from < alertKeys.size(); from += 100) {
            List<String> chunk = alertKeys.subList(from, Math.min(from + 100, alertKeys.size()));
            String body = JSON.writeValueAsString(java.util.Map.of("start_time", since, "end_time", until,
                    "alert_keys", chunk, "limit", 100));
            JsonNode data = post("/alert/list?app_key=" + RunningQuell.APP_KEY, body).data();
            found += data.path("total").asLong();
        }
        return found;
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then wait for the process to exit; returns its exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Quell did not exit within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

}
