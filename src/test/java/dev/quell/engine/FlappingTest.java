package dev.quell.engine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.quell.engine.Events.ok;
import static dev.quell.engine.Events.trigger;
import static org.assertj.core.api.Assertions.assertThat;

class FlappingTest {
    private static final long T0 = 1_700_000_000L;

    private Engine engine;
    private EngineState state;
    private final List<TimelineEntry> marks = new ArrayList<>();
    private final List<Incident> incidents = new ArrayList<>();

    @BeforeEach
    void setUp() {
        engine = new Engine(Events.countingIds());
        state = new EngineState();
    }

    private Channel channel(Flapping flapping) {
        return new Channel(Events.CHANNEL, "c", "", Channel.ENABLED, 0, Channel.AutoResolveMode.trigger, false,
                Grouping.OFF, flapping, T0, T0);
    }

    /** Fires and recovers the key {@code cycles} times, a minute per change, from {@code start}. */
    private long flap(int cycles, long start) {
        long at = start;
        for (int i = 0; i < cycles; i++) {
            record(engine.apply(state, trigger("db-1", Severity.Critical, at), at));
            at += 60;
            record(engine.apply(state, ok("db-1", at), at));
            at += 60;
        }
        return at;
    }

    private void record(Outcome outcome) {
        outcome.timeline().stream().filter(entry -> entry.type().equals("i_m_flapping")).forEach(marks::add);
        if (outcome.kind() == Outcome.Kind.OPENED) {
            incidents.add(outcome.incident());
        }
    }

    @Test
    void newChannelsMarkFlappingWithoutMuting() {
        assertThat(Channel.newChannel("c", "", T0).flapping()).isEqualTo(Flapping.ALERT_ONLY);
        assertThat(Flapping.ALERT_ONLY.mode()).isEqualTo(Flapping.Mode.alert);
        assertThat(Flapping.ALERT_ONLY.maxChanges()).isEqualTo(4);
        assertThat(Flapping.ALERT_ONLY.inMinutes()).isEqualTo(60);
    }

    @Test
    void theFourthChangeWithinAnHourMarksTheIncidentOncePerEpisode() {
        engine.applySetting(state, channel(Flapping.ALERT_ONLY));

        flap(1, T0);
        record(engine.apply(state, trigger("db-1", Severity.Critical, T0 + 120), T0 + 120));
        assertThat(marks).isEmpty();
        record(engine.apply(state, ok("db-1", T0 + 180), T0 + 180));

        assertThat(marks).singleElement().satisfies(mark -> {
            assertThat(mark.incidentId()).isEqualTo(incidents.get(1).incidentId());
            assertThat(mark.detail()).containsEntry("max_changes", "4").containsEntry("in_mins", "60")
                    .containsEntry("mute_mins", "0");
        });
        flap(5, T0 + 240);
        assertThat(marks).hasSize(1);
        assertThat(incidents).noneMatch(Incident::everMuted);
    }

    @Test
    void aQuietWindowEndsTheEpisodeSoTheNextFlappingIsMarkedAgain() {
        engine.applySetting(state, channel(Flapping.ALERT_ONLY));
        long after = flap(2, T0);
        assertThat(marks).hasSize(1);

        flap(2, after + 3600);

        assertThat(marks).hasSize(2);
    }

    @Test
    void changesSpreadWiderThanTheWindowAreNotFlapping() {
        engine.applySetting(state, channel(new Flapping(Flapping.Mode.alert, 4, 10, 120)));
        long at = T0;
        for (int i = 0; i < 6; i++) {
            record(engine.apply(state, trigger("db-1", Severity.Critical, at), at));
            record(engine.apply(state, ok("db-1", at + 240), at + 240));
            at += 480;
        }

        assertThat(marks).isEmpty();
    }

    @Test
    void silenceModeMutesTheKeysIncidentsForMuteMinutes() {
        engine.applySetting(state, channel(new Flapping(Flapping.Mode.silence, 4, 60, 30)));
        long after = flap(2, T0);
        assertThat(marks).hasSize(1);

        Incident duringMute = engine.apply(state, trigger("db-1", Severity.Critical, after), after).incident();
        assertThat(duringMute.everMuted()).isTrue();
        engine.apply(state, ok("db-1", after + 1), after + 1);

        Incident afterMute = engine.apply(state, trigger("db-1", Severity.Critical, T0 + 3 * 3600),
                T0 + 3 * 3600).incident();
        assertThat(afterMute.everMuted()).isFalse();
        assertThat(incidents.get(0).everMuted()).isFalse();
    }

    @Test
    void offDetectsNothing() {
        engine.applySetting(state, channel(new Flapping(Flapping.Mode.off, 4, 60, 120)));
        flap(10, T0);

        assertThat(marks).isEmpty();
    }

    @Test
    void aRestoredStateRemembersRecentChanges() {
        engine.applySetting(state, channel(Flapping.ALERT_ONLY));
        List<Alert> recovered = new ArrayList<>();
        long at = T0;
        for (int i = 0; i < 2; i++) {
            engine.apply(state, trigger("db-1", Severity.Critical, at), at);
            recovered.add(engine.apply(state, ok("db-1", at + 60), at + 60).alert());
            at += 120;
        }
        // The store keeps the first alert only: its opening and recovery are two changes the restored state
        // must count, so that a new opening is the third and its recovery the fourth.
        recovered.remove(1);
        EngineState restored = EngineState.restore(List.of(), List.of(), recovered,
                List.of(channel(Flapping.ALERT_ONLY)));

        Outcome third = engine.apply(restored, trigger("db-1", Severity.Critical, at), at);
        assertThat(third.timeline()).isEmpty();
        Outcome fourth = engine.apply(restored, ok("db-1", at + 60), at + 60);
        assertThat(fourth.timeline()).extracting(TimelineEntry::type).containsExactly("i_m_flapping");
    }
}
