package dev.quell.api;

import dev.quell.engine.AlertEvent;
import dev.quell.engine.Channel;
import dev.quell.engine.Engine;
import dev.quell.engine.Labels;
import dev.quell.engine.Severity;
import dev.quell.http.QuellServer;
import dev.quell.shard.ObjectIds;
import dev.quell.shard.ShardWriter;
import dev.quell.store.Catalog;
import dev.quell.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A quick silence is deleted once its window has passed, and silences nothing more. */
class QuickSilenceSweepTest {
    private static final long T0 = 1_700_000_000L;

    @Test
    void anExpiredQuickSilenceIsRemovedFromTheStoreAndTheEngine(@TempDir Path data) throws Exception {
        AtomicLong clock = new AtomicLong(T0);
        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false);
             ShardWriter writer = new ShardWriter(store, new Engine(new ObjectIds()), clock::get, 100, 10).start()) {
            Catalog catalog = new Catalog(store);
            Channel channel = catalog.createChannel(Channel.newChannel("c", "", T0));
            writer.submit(channel).get(5, TimeUnit.SECONDS);
            String incidentId = writer.submit(event(channel, "k-1")).get(5, TimeUnit.SECONDS).incident().incidentId();
            SilenceRuleApi api = new SilenceRuleApi(catalog, store, writer, clock::get);
            api.quickSilence(new Params(QuellServer.objectMapper().readTree(
                    "{\"incident_id\":\"" + incidentId + "\",\"duration\":\"30m\"}"), "api"));
            assertThat(writer.submit(event(channel, "k-2")).get(5, TimeUnit.SECONDS).alert().everMuted()).isTrue();

            clock.set(T0 + 1799);
            api.sweepExpiredQuickSilences();
            assertThat(store.rules()).hasSize(1);

            clock.set(T0 + 1800);
            api.sweepExpiredQuickSilences();
            assertThat(store.rules()).isEmpty();
            assertThat(catalog.rules(dev.quell.engine.SilenceRule.class)).isEmpty();
            assertThat(writer.submit(event(channel, "k-3")).get(5, TimeUnit.SECONDS).alert().everMuted()).isFalse();
        }
    }

    private static AlertEvent event(Channel channel, String key) {
        return new AlertEvent(1, channel.channelId(), key, Severity.Warning, "disk full", "disk full", "",
                Labels.sorted(Map.of("host", "db-1")), List.of(), T0);
    }
}
