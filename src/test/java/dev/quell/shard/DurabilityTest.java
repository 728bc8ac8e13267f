package dev.quell.shard;

import dev.quell.testing.QuellProcess;
import dev.quell.testing.RunningQuell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "A 200 means the event is on disk": a server in its own JVM is killed with SIGKILL (or stopped with SIGTERM)
 * while clients push; after a restart every event that was answered 200 is there.
 */
class DurabilityTest {
    private static final int CLIENTS = 8;
    private static final int ACKS_BEFORE_STOPPING = 3_000;

    /** Clients pushing distinct keys until told to stop or the server goes away; remembers what got 200. */
    private static final class Pushers implements AutoCloseable {
        private final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean stop = new AtomicBoolean();

        Pushers(QuellProcess quell, String integrationKey) {
            for (int client = 0; client < CLIENTS; client++) {
                int id = client;
                pool.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String key = "c" + id + "-" + n;
                        String body = "{\"event_status\":\"Critical\",\"alert_key\":\"" + key
                                + "\",\"title_rule\":\"$host down\",\"labels\":{\"host\":\"" + key + "\"}}";
                        try {
                            if (quell.post("/event/push/alert/standard?integration_key=" + integrationKey, body)
                                    .status() == 200) {
                                acknowledged.add(key);
                            }
                        } catch (IOException serverGone) {
                            return;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
        }

        void awaitAcknowledged(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acknowledged.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(acknowledged).as("acknowledged pushes before the deadline").hasSizeGreaterThanOrEqualTo(count);
        }

        List<String> stopAndCollect() throws InterruptedException {
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            synchronized (acknowledged) {
                return List.copyOf(acknowledged);
            }
        }

        @Override
        public void close() {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    /** How a test stops the server while clients push. */
    @FunctionalInterface
    private interface Stop {
        void stop(QuellProcess quell) throws Exception;
    }

    /** Pushes until enough are acknowledged, stops the server, restarts it: every acknowledged key is there. */
    private static void everyAcknowledgedPushSurvives(Path data, Stop stop) throws Exception {
        int port = RunningQuell.freePort();
        long since = System.currentTimeMillis() / 1000 - 60;
        List<String> acknowledged;
        try (QuellProcess quell = QuellProcess.start(data, port);
             Pushers pushers = new Pushers(quell, quell.defaultIntegrationKey())) {
            pushers.awaitAcknowledged(ACKS_BEFORE_STOPPING);
            stop.stop(quell);
            acknowledged = pushers.stopAndCollect();
        }

        try (QuellProcess restarted = QuellProcess.start(data, port)) {
            long until = System.currentTimeMillis() / 1000 + 60;
            assertThat(restarted.alertsWithKeys(acknowledged, since, until))
                    .as("alerts found for %d acknowledged keys", acknowledged.size())
                    .isEqualTo(acknowledged.size());
        }
    }

    @Test
    void everyAcknowledgedEventSurvivesAKillDashNine(@TempDir Path dir) throws Exception {
        everyAcknowledgedPushSurvives(dir.resolve("data"), QuellProcess::kill);
    }

    @Test
    void sigtermAnswersWhatIsInFlightKeepsItAndExits(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        everyAcknowledgedPushSurvives(data, quell ->
                assertThat(quell.terminate(Duration.ofSeconds(60))).as("exit code after SIGTERM (128 + 15)")
                        .isIn(0, 143));
        assertThat(Files.readString(data.resolveSibling("data-server.log"))).contains("draining").contains("stopped");
    }
}
