package dev.quell.store;

import dev.quell.engine.AlertEvent;
import dev.quell.engine.ChangeSet;
import dev.quell.engine.Channel;
import dev.quell.engine.Engine;
import dev.quell.engine.Integration;
import dev.quell.engine.Labels;
import dev.quell.engine.Severity;
import dev.quell.http.QuellServer;
import dev.quell.shard.ObjectIds;
import dev.quell.shard.ShardWriter;
import dev.quell.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** When each integration last received an event: kept per batch by the writer, read back from the store. */
class IntegrationLastEventTest {
    private static final long T0 = 1_700_000_000L;

    @Test
    void aBatchRecordsTheLatestEventTimeOfEachOfItsIntegrations(@TempDir Path data) {
        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false)) {
            long channel = store.createChannel(Channel.newChannel("c", "", T0)).channelId();
            long first = store.createIntegration("first", channel, null, null, "k1", T0).integrationId();
            long second = store.createIntegration("second", channel, null, null, "k2", T0).integrationId();
            long silent = store.createIntegration("silent", channel, null, null, "k3", T0).integrationId();

            ChangeSet batch = new ChangeSet();
            batch.countEvent(first, T0 + 10);
            batch.countEvent(second, T0 + 30);
            batch.countEvent(first, T0 + 20);
            store.commit(batch);

            assertThat(store.integrationLastEventTimes()).isEqualTo(Map.of(first, T0 + 20, second, T0 + 30));
            assertThat(store.integrationLastEventTimes()).doesNotContainKey(silent);

            ChangeSet later = new ChangeSet();
            later.countEvent(second, T0 + 90);
            store.commit(later);

            assertThat(store.integrationLastEventTimes()).isEqualTo(Map.of(first, T0 + 20, second, T0 + 90));
        }
    }

    @Test
    void theWriterRecordsWhenItAppliedEachIntegrationsEvents(@TempDir Path data) throws Exception {
        AtomicLong clock = new AtomicLong(T0);
        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false);
             ShardWriter writer = new ShardWriter(store, new Engine(new ObjectIds()), clock::get, 100, 10).start()) {
            long channel = store.createChannel(Channel.newChannel("c", "", T0)).channelId();
            long pushed = store.createIntegration("pushed", channel, null, null, "k1", T0).integrationId();

            writer.submit(event(pushed, channel, "a", T0 - 500)).get(5, TimeUnit.SECONDS);
            assertThat(store.integrationLastEventTimes()).containsEntry(pushed, T0);

            clock.set(T0 + 60);
            writer.submit(event(pushed, channel, "a", T0 - 400)).get(5, TimeUnit.SECONDS);
            assertThat(store.integrationLastEventTimes()).containsEntry(pushed, T0 + 60);
        }
    }

    @Test
    void aDeletedIntegrationIsKnownByIdButNotByItsKeyAfterARestart(@TempDir Path data) {
        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false)) {
            Catalog catalog = new Catalog(store);
            long channel = catalog.createChannel(Channel.newChannel("c", "", T0)).channelId();
            Integration deleted = catalog.createIntegration("deleted", channel, null, null, T0);
            catalog.setIntegrationStatus(deleted.integrationId(), Integration.DELETED, T0 + 1);
            assertThat(catalog.integrationByKey(deleted.integrationKey())).isEmpty();

            Catalog reloaded = new Catalog(store);

            assertThat(reloaded.integrationByKey(deleted.integrationKey())).isEmpty();
            assertThat(reloaded.integration(deleted.integrationId()).orElseThrow().isDeleted()).isTrue();
        }
    }

    private static AlertEvent event(long integrationId, long channelId, String key, long eventTime) {
        return new AlertEvent(integrationId, channelId, key, Severity.Warning, "t", "t", "", Labels.sorted(Map.of()),
                List.of(), eventTime);
    }
}
