package dev.quell.bench;

import dev.quell.engine.AlertEvent;
import dev.quell.engine.ChangeSet;
import dev.quell.engine.Channel;
import dev.quell.engine.Engine;
import dev.quell.engine.EngineState;
import dev.quell.engine.Flapping;
import dev.quell.engine.GroupMethod;
import dev.quell.engine.Grouping;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The writer's work with grouping on and a busy state: 10,000 open incidents, opened in setup through the engine by
 * alerts of the storm's variety (see {@link StormGenerator}) on a fleet of about 10,000 nodes, one alert each, then
 * filed for grouping when the channel's grouping is switched on. Each batch of 64 events cycles through four: a new
 * alert, which grouping has to place; the recovery of the oldest of the last 1,024 new alerts, which keeps the state
 * from growing; and two repeats of alerts opened in setup. Unlike {@link WriterBenchmark} (one event example over
 * cycling keys: nothing for grouping to tell apart), the alerts differ in titles, services and resources.
 *
 * <p>{@code grouping}: {@code off}; {@code rules} on {@code labels.resource}; {@code intelligent} with the default keys
 * and threshold 0.8. {@code applyABatch} is the engine alone; {@code applyAndCommitABatch} adds the SQLite commit,
 * as the shard writer does. Scores are events per second on one thread.
 */
public class GroupingBenchmark extends WriterPathBenchmark {
    private static final int OPEN_INCIDENTS = 10_000;
    private static final int LIVE_NEW_ALERTS = 1024;
    private static final int SEED_COMMIT_EVERY = 500;
    /** Twelve production clusters of 800 nodes, so that most of the 10,000 alerts are on hosts of their own. */
    private static final int PROD_CLUSTERS = 12;
    private static final int NODES_PER_CLUSTER = 800;
    /** New alerts take their content from this many drawn in setup, so drawing them is not part of the score. */
    private static final int NEW_ALERT_CONTENTS = 1 << 16;

    @Param({"off", "rules", "intelligent"})
    public String grouping;

    @Param({"false"})
    public boolean syncEveryCommit;

    private Path dataDir;
    private SqliteStore store;
    private Engine engine;
    private EngineState state;
    private final SplittableRandom random = new SplittableRandom(7);
    private final List<AlertEvent> seeded = new ArrayList<>();
    private final List<AlertEvent> newAlertContents = new ArrayList<>();
    private final ArrayDeque<AlertEvent> liveNewAlerts = new ArrayDeque<>();
    private long sequence;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dataDir = Files.createTempDirectory("quell-jmh");
        store = SqliteStore.open(dataDir, QuellServer.objectMapper(), syncEveryCommit);
        engine = new Engine(new ObjectIds());
        state = new EngineState();
        StormGenerator alerts = StormGenerator.ofUnrelatedAlerts(7, PROD_CLUSTERS, NODES_PER_CLUSTER);
        long now = System.currentTimeMillis() / 1000;
        Channel ungrouped = store.createChannel(new Channel(0, "grouping-bench", "", Channel.ENABLED, 0,
                Channel.AutoResolveMode.trigger, false, Grouping.OFF, new Flapping(Flapping.Mode.off,
                Flapping.DEFAULT_MAX_CHANGES, Flapping.DEFAULT_IN_MINUTES, Flapping.DEFAULT_MUTE_MINUTES), now, now));
        if (ungrouped.channelId() != StormGenerator.CHANNEL_ID) {
            throw new IllegalStateException("the generator's events name channel " + StormGenerator.CHANNEL_ID);
        }
        engine.applySetting(state, ungrouped);
        ChangeSet changes = new ChangeSet();
        while (seeded.size() < OPEN_INCIDENTS) {
            AlertEvent event = alerts.unrelatedTrigger("seed-" + seeded.size(), now);
            seeded.add(event);
            changes.add(engine.apply(state, event, now));
            if (seeded.size() % SEED_COMMIT_EVERY == 0) {
                store.commit(changes);
                changes = new ChangeSet();
            }
        }
        store.commit(changes);
        // The incidents open with grouping off and the channel then turns it on, which files them all under the new
        // setting. Seeding with grouping on would not reach 10,000 incidents in reasonable time: intelligent grouping
        // puts most alerts of a given check into existing incidents once a few thousand are open.
        Channel grouped = new Channel(ungrouped.channelId(), ungrouped.channelName(), ungrouped.description(),
                ungrouped.status(), 0, Channel.AutoResolveMode.trigger, false, grouping(grouping),
                ungrouped.flapping(), now, now);
        engine.applySetting(state, store.updateChannel(grouped));
        for (int n = 0; n < NEW_ALERT_CONTENTS; n++) {
            newAlertContents.add(alerts.unrelatedTrigger("", now));
        }
    }

    private static Grouping grouping(String name) {
        return switch (name) {
            case "off" -> Grouping.OFF;
            case "rules" -> new Grouping(GroupMethod.p, List.of(List.of("labels.resource")), List.of(), false, 0,
                    Grouping.WindowType.tumbling, List.of(), Grouping.DEFAULT_SIMILARITY_KEYS,
                    Grouping.DEFAULT_SCORE_THRESHOLD);
            case "intelligent" -> new Grouping(GroupMethod.i, List.of(), List.of(), false, 0,
                    Grouping.WindowType.tumbling, List.of(), Grouping.DEFAULT_SIMILARITY_KEYS,
                    Grouping.DEFAULT_SCORE_THRESHOLD);
            default -> throw new IllegalArgumentException("grouping is off, rules or intelligent, not " + name);
        };
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

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public ChangeSet applyABatch() {
        return applyBatch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public ChangeSet applyAndCommitABatch() {
        ChangeSet changes = applyBatch();
        store.commit(changes);
        store.syncCommitted();
        return changes;
    }

    private ChangeSet applyBatch() {
        long now = System.currentTimeMillis() / 1000;
        ChangeSet changes = new ChangeSet();
        for (int i = 0; i < BATCH; i++) {
            changes.add(engine.apply(state, nextEvent(now), now));
        }
        return changes;
    }

    private AlertEvent nextEvent(long now) {
        long n = sequence++;
        switch ((int) (n % 4)) {
            case 0 -> {
                AlertEvent fresh = withKey(newAlertContents.get((int) (n / 4 % NEW_ALERT_CONTENTS)), "new-" + n, now);
                liveNewAlerts.addLast(fresh);
                return fresh;
            }
            case 1 -> {
                if (liveNewAlerts.size() > LIVE_NEW_ALERTS) {
                    AlertEvent oldest = liveNewAlerts.removeFirst();
                    return new AlertEvent(oldest.integrationId(), oldest.channelId(), oldest.alertKey(), Severity.Ok,
                            oldest.titleRule(), oldest.title(), oldest.description(), oldest.labels(),
                            oldest.images(), now);
                }
                return repeatOfASeededAlert(now);
            }
            default -> {
                return repeatOfASeededAlert(now);
            }
        }
    }

    private AlertEvent repeatOfASeededAlert(long now) {
        AlertEvent seed = seeded.get(random.nextInt(seeded.size()));
        return withKey(seed, seed.alertKey(), now);
    }

    private static AlertEvent withKey(AlertEvent event, String alertKey, long now) {
        return new AlertEvent(event.integrationId(), event.channelId(), alertKey, event.status(), event.titleRule(),
                event.title(), event.description(), event.labels(), event.images(), now);
    }
}
