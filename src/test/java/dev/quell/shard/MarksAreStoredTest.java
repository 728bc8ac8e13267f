package dev.quell.shard;

import dev.quell.engine.AlertEvent;
import dev.quell.engine.ChannelRule;
import dev.quell.engine.ChannelRules;
import dev.quell.engine.Engine;
import dev.quell.engine.Labels;
import dev.quell.engine.Outcome;
import dev.quell.engine.Severity;
import dev.quell.engine.SilenceRule;
import dev.quell.engine.SilenceWindow;
import dev.quell.filter.ConditionSpec;
import dev.quell.filter.Filter;
import dev.quell.http.QuellServer;
import dev.quell.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A mark set by a repeat (the narrowest write) reaches the store, not only the engine's memory. */
class MarksAreStoredTest {
    private static final long T0 = 1_700_000_000L;

    @Test
    void aSilenceThatMarksAnOpenAlertOnItsRepeatIsStoredOnTheAlertAndTheIncident(@TempDir Path data) throws Exception {
        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false);
             ShardWriter writer = new ShardWriter(store, new Engine(new ObjectIds()), () -> T0, 100, 10).start()) {
            AlertEvent event = new AlertEvent(1, 5, "k", Severity.Warning, "disk full", "disk full", "",
                    Labels.sorted(Map.of("host", "db-1")), List.of(), T0);
            Outcome opened = writer.submit(event).get(5, TimeUnit.SECONDS);
            SilenceRule silence = new SilenceRule("5e0000000000000000000001", 5, 0, "quiet", "",
                    Filter.compile(List.of(List.of(new ConditionSpec("labels.host", "IN", List.of("db-1"))))),
                    new SilenceWindow.Once(T0 - 10, T0 + 600), false, ChannelRule.ENABLED, "", T0, T0);
            writer.submit(new ChannelRules(5, List.of(), List.of(silence), List.of())).get(5, TimeUnit.SECONDS);

            Outcome repeat = writer.submit(event).get(5, TimeUnit.SECONDS);

            assertThat(repeat.kind()).isEqualTo(Outcome.Kind.REPEATED);
            assertThat(store.alert(opened.alert().alertId()).orElseThrow().alert().everMuted()).isTrue();
            assertThat(store.incident(opened.incident().incidentId()).orElseThrow().everMuted()).isTrue();
        }
    }
}
