package dev.quell.bench;

import dev.quell.engine.AlertEvent;
import dev.quell.engine.ChangeSet;
import dev.quell.engine.Engine;
import dev.quell.engine.EngineState;
import dev.quell.engine.Labels;
import dev.quell.engine.Severity;
import dev.quell.http.QuellServer;
import dev.quell.shard.ObjectIds;
import dev.quell.store.sqlite.SqliteStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the shard writer does per batch, without HTTP: the engine applies a batch of the push API's example event
 * (alert keys cycling over {@code keys}, so alerts open and then repeat) and SQLite commits it. The score is
 * events per second on one thread: the ceiling the writer puts on the server's throughput at that batch size.
 */
public class WriterBenchmark extends WriterPathBenchmark {
    private static final Map<String, String> LABELS = Labels.sorted(Map.of("resource", "es.nj.01",
            "check", "cpu.idle<20%", "service", "engine", "cluster", "nj", "metric", "node_cpu_seconds_total"));

    @Param({"true", "false"})
    public boolean syncEveryCommit;

    @Param({"100000"})
    public int keys;

    private Path dataDir;
    private SqliteStore store;
    private Engine engine;
    private EngineState state;
    private long sequence;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dataDir = Files.createTempDirectory("quell-jmh");
        store = SqliteStore.open(dataDir, QuellServer.objectMapper(), syncEveryCommit);
        engine = new Engine(new ObjectIds());
        state = new EngineState();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** The push API's example event (integration 1, channel 1) with this alert key. */
    static AlertEvent pushExample(String alertKey, long now) {
        return new AlertEvent(1, 1, alertKey, Severity.Warning, "$cluster::$resource::$check",
                "nj / es.nj.01 / cpu.idle<20%", "cpu idle low than 20%", LABELS, List.of(), now);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public ChangeSet applyAndCommitABatch() {
        long now = System.currentTimeMillis() / 1000;
        ChangeSet changes = new ChangeSet();
        for (int i = 0; i < BATCH; i++) {
            changes.add(engine.apply(state, pushExample("bench-" + (sequence++ % keys), now), now));
        }
        store.commit(changes);
        // With syncEveryCommit the server answers a batch only after this; here it runs in line, not beside the next.
        store.syncCommitted();
        return changes;
    }
}
