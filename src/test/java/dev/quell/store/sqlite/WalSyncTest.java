package dev.quell.store.sqlite;

import dev.quell.http.QuellServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class WalSyncTest {

    @Test
    void aSyncBeforeAnyCommitHasNothingToForceAndALaterOneForcesTheLog(@TempDir Path data) throws Exception {
        try (WalSync sync = new WalSync(data, "quell.db")) {
            assertThatCode(sync::force).as("no log yet").doesNotThrowAnyException();
            Files.write(data.resolve("quell.db-wal"), new byte[]{1, 2, 3});
            assertThatCode(sync::force).doesNotThrowAnyException();
            Files.write(data.resolve("quell.db-wal"), new byte[]{4});
            assertThatCode(sync::force).as("the descriptor kept from the first force").doesNotThrowAnyException();
        }
    }

    @Test
    void onlyAStoreThatMustSurvivePowerLossAsksForSyncs(@TempDir Path data) {
        try (SqliteStore synced = SqliteStore.open(data.resolve("synced"), QuellServer.objectMapper(), true)) {
            assertThat(synced.commitsNeedSync()).isTrue();
            synced.syncCommitted();
            assertThat(Files.exists(data.resolve("synced").resolve(SqliteStore.FILE_NAME + "-wal")))
                    .as("the log a sync forces").isTrue();
        }
        try (SqliteStore unsynced = SqliteStore.open(data.resolve("unsynced"), QuellServer.objectMapper(), false)) {
            assertThat(unsynced.commitsNeedSync()).isFalse();
        }
    }
}
