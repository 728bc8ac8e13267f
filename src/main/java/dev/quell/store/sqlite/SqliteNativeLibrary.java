package dev.quell.store.sqlite;

import dev.quell.config.StartupRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SQLite's native library, loaded before a store opens. sqlite-jdbc unpacks it into a temporary directory
 * ({@code org.sqlite.tmpdir}, else {@code java.io.tmpdir}) and loads it from there. That fails where the directory
 * is mounted {@code noexec}, a common hardening of {@code /tmp}, and Quell would not start; so it is then unpacked
 * into {@code <data>/native}, next to the database, instead.
 */
final class SqliteNativeLibrary {
    static final String TMPDIR_PROPERTY = "org.sqlite.tmpdir";
    static final String FALLBACK_DIR = "native";
    private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);

    private SqliteNativeLibrary() {
    }

    static synchronized void load(Path dataDir) {
        String usual = System.getProperty(TMPDIR_PROPERTY, System.getProperty("java.io.tmpdir"));
        if (loads()) {
            return;
        }
        Path fallback = dataDir.resolve(FALLBACK_DIR).toAbsolutePath();
        try {
            Files.createDirectories(fallback);
        } catch (Exception e) {
            throw refused(usual, fallback, e.toString());
        }
        System.setProperty(TMPDIR_PROPERTY, fallback.toString());
        if (!loads()) {
            throw refused(usual, fallback, "it did not load from either");
        }
        log.warn("SQLite's native library could not be loaded from {} (mounted noexec?); loaded it from {}", usual,
                fallback);
    }

    /** Whether the library is loaded. sqlite-jdbc's own log of a failure is off (logback.xml): load() says it. */
    private static boolean loads() {
        try {
            return SQLiteJDBCLoader.initialize();
        } catch (Exception notLoaded) {
            return false;
        }
    }

    private static StartupRefused refused(String usual, Path fallback, String why) {
        return new StartupRefused("cannot load SQLite's native library, unpacked into " + usual + " and then into "
                + fallback + " (" + why + "); a directory mounted noexec refuses it. Name one that allows running "
                + "code with QUELL_JAVA_OPTS=\"-D" + TMPDIR_PROPERTY + "=DIR ...\"");
    }
}
