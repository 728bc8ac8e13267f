package dev.quell.store.sqlite;

import dev.quell.testing.QuellProcess;
import dev.quell.testing.RunningQuell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where SQLite's native library is unpacked when the temporary directory will not do. Each test runs Quell in a JVM
 * of its own, since a JVM loads the library once. The directory that will not do is a regular file: it refuses the
 * library as a {@code noexec} mount does, without needing the rights to mount one.
 */
class SqliteNativeLibraryTest {
    private static final String TRIGGER = "{\"event_status\":\"Warning\",\"alert_key\":\"disk-1\",\"title_rule\":\"disk\"}";

    @Test
    void aTemporaryDirectoryThatRefusesTheLibraryLeavesItToTheDataDirectory(@TempDir Path work) throws Exception {
        Path notADirectory = Files.writeString(work.resolve("not-a-directory"), "");
        Path data = work.resolve("data");

        try (QuellProcess quell = QuellProcess.start(data, RunningQuell.freePort(),
                List.of("-D" + SqliteNativeLibrary.TMPDIR_PROPERTY + "=" + notADirectory))) {
            assertThat(quell.post("/event/push/alert/standard?integration_key=" + quell.defaultIntegrationKey(),
                    TRIGGER).status()).isEqualTo(200);
        }
        try (var unpacked = Files.list(data.resolve(SqliteNativeLibrary.FALLBACK_DIR))) {
            assertThat(unpacked.map(path -> path.getFileName().toString())).anyMatch(name -> name.endsWith(".so"));
        }
        assertThat(QuellProcess.logOf(data)).contains("SQLite's native library could not be loaded from "
                + notADirectory).doesNotContain("NativeLibraryNotFoundException");
    }

    @Test
    void aStartWithNowhereToLoadTheLibraryIsRefusedSayingWhereItLooked(@TempDir Path work) throws Exception {
        Path notADirectory = Files.writeString(work.resolve("not-a-directory"), "");
        Path data = Files.createDirectories(work.resolve("data"));
        Files.writeString(data.resolve(SqliteNativeLibrary.FALLBACK_DIR), "");

        QuellProcess.Exit exit = QuellProcess.serveUntilExit(data,
                List.of("-D" + SqliteNativeLibrary.TMPDIR_PROPERTY + "=" + notADirectory), Duration.ofSeconds(60));

        assertThat(exit.status()).isEqualTo(1);
        assertThat(exit.output()).contains("quell: cannot load SQLite's native library, unpacked into " + notADirectory
                        + " and then into " + data.resolve(SqliteNativeLibrary.FALLBACK_DIR).toAbsolutePath())
                .contains("-Dorg.sqlite.tmpdir=DIR").doesNotContain("\tat ");
    }
}
