package dev.quell.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * SQLite's own price for a repeat's tally row, without Quell around it: a table of {@code rows} rows (a key and three
 * counters, as {@code alert_tally}), and batches of {@link #BATCH} consecutive keys written and committed as the shard
 * writer writes a push-load batch's repeats (WAL, {@code synchronous=NORMAL}, the writer's 8 MiB page cache, no
 * fsync). The score is microseconds per row, the commit included. {@code key}: {@code text} is the tallies' layout
 * (a 24-character ObjectID, {@code WITHOUT ROWID}), {@code blob} the same id as its 12 bytes, {@code integer} an
 * {@code INTEGER PRIMARY KEY} (the table's rowid); {@code write}:
 * {@code replace} is the writer's multi-row {@code INSERT OR REPLACE}, {@code update} one {@code UPDATE} by key per
 * row in a JDBC batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class TallyRowsBenchmark {
    /** The events per commit of push-load's steady state (eleventh session: 24-28). */
    static final int BATCH = 27;

    @Param({"text", "integer", "blob"})
    public String key;

    @Param({"replace", "update"})
    public String write;

    @Param({"100000"})
    public int rows;

    private Path dataDir;
    private Connection connection;
    private PreparedStatement statement;
    private String[] ids;
    private int next;
    private long round;

    @Setup(Level.Trial)
    public void open() throws IOException, SQLException {
        dataDir = Files.createTempDirectory("quell-jmh-tally");
        connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("tally.db"));
        try (Statement setup = connection.createStatement()) {
            setup.execute("PRAGMA journal_mode = WAL");
            setup.execute("PRAGMA synchronous = NORMAL");
            setup.execute("PRAGMA cache_size = -8192");
            setup.execute(key.equals("integer")
                    ? "CREATE TABLE tally (id INTEGER PRIMARY KEY, last_time INTEGER NOT NULL, "
                    + "event_cnt INTEGER NOT NULL, updated_at INTEGER NOT NULL)"
                    : "CREATE TABLE tally (id " + (key.equals("text") ? "TEXT" : "BLOB") + " NOT NULL PRIMARY KEY, "
                    + "last_time INTEGER NOT NULL, event_cnt INTEGER NOT NULL, updated_at INTEGER NOT NULL) "
                    + "WITHOUT ROWID");
        }
        connection.setAutoCommit(false);
        ids = new String[rows];
        for (int i = 0; i < rows; i++) {
            // ObjectID-shaped and increasing, as the writer's ids are: one second, one process part, a counter.
            ids[i] = String.format("6a0f3c21%010x%06x", 0x3f2e1d0c0bL, i);
        }
        try (PreparedStatement fill = connection.prepareStatement("INSERT INTO tally VALUES (?, 1, 1, 1)")) {
            for (int i = 0; i < rows; i++) {
                bindKey(fill, 1, i);
                fill.addBatch();
            }
            fill.executeBatch();
        }
        connection.commit();
        statement = write.equals("replace")
                ? connection.prepareStatement("INSERT OR REPLACE INTO tally VALUES "
                + String.join(",", Collections.nCopies(BATCH, "(?,?,?,?)")))
                : connection.prepareStatement("UPDATE tally SET last_time = ?, event_cnt = ?, updated_at = ? "
                + "WHERE id = ?");
    }

    private void bindKey(PreparedStatement s, int index, int row) throws SQLException {
        if (key.equals("text")) {
            s.setString(index, ids[row]);
        } else if (key.equals("blob")) {
            s.setBytes(index, HexFormat.of().parseHex(ids[row]));
        } else {
            s.setLong(index, row);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void writeAndCommitABatch() throws SQLException {
        round++;
        if (write.equals("replace")) {
            int index = 1;
            for (int i = 0; i < BATCH; i++) {
                bindKey(statement, index, (next + i) % rows);
                statement.setLong(index + 1, round);
                statement.setLong(index + 2, round);
                statement.setLong(index + 3, round);
                index += 4;
            }
            statement.executeUpdate();
        } else {
            for (int i = 0; i < BATCH; i++) {
                statement.setLong(1, round);
                statement.setLong(2, round);
                statement.setLong(3, round);
                bindKey(statement, 4, (next + i) % rows);
                statement.addBatch();
            }
            statement.executeBatch();
        }
        connection.commit();
        next = (next + BATCH) % rows;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException, SQLException {
        statement.close();
        connection.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
