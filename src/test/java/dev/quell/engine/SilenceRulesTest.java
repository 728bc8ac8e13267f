package dev.quell.engine;

import dev.quell.filter.ConditionSpec;
import dev.quell.filter.Filter;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import static dev.quell.engine.Events.ok;
import static dev.quell.engine.Events.trigger;
import static org.assertj.core.api.Assertions.assertThat;

class SilenceRulesTest {
    private static final long T0 = 1_700_000_000L;

    private final Engine engine = new Engine(Events.countingIds());
    private final EngineState state = new EngineState();

    private static SilenceRule rule(String id, SilenceWindow window, boolean discard, String host) throws Exception {
        return new SilenceRule(id, Events.CHANNEL, 0, "quiet " + id, "", Filter.compile(List.of(List.of(
                new ConditionSpec("labels.host", "IN", List.of(host))))), window, discard, ChannelRule.ENABLED, "", T0, T0);
    }

    private void rules(SilenceRule... silences) {
        engine.applySetting(state, new ChannelRules(Events.CHANNEL, List.of(), List.of(silences), List.of()));
    }

    @Test
    void aDiscardingSilenceDropsMatchingTriggersInsideItsWindowOnly() throws Exception {
        rules(rule("s1", new SilenceWindow.Once(T0, T0 + 600), true, "db-1"));

        Outcome inside = engine.apply(state, trigger("db-1", Severity.Critical, T0 + 10), T0 + 10);
        assertThat(inside.kind()).isEqualTo(Outcome.Kind.DROPPED);
        assertThat(inside.ruleId()).isEqualTo("s1");

        assertThat(engine.apply(state, trigger("db-1", Severity.Critical, T0 + 600), T0 + 600).kind())
                .isEqualTo(Outcome.Kind.OPENED);
        assertThat(engine.apply(state, trigger("db-2", Severity.Critical, T0 + 10), T0 + 10).kind())
                .isEqualTo(Outcome.Kind.OPENED);
    }

    @Test
    void aKeepingSilenceMarksTheAlertAndIncidentAndSaysWhichRuleOnce() throws Exception {
        rules(rule("s1", new SilenceWindow.Once(T0, T0 + 600), false, "db-1"));

        Outcome first = engine.apply(state, trigger("db-1", Severity.Warning, T0), T0);
        assertThat(first.kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(first.alert().everMuted()).isTrue();
        assertThat(first.incident().everMuted()).isTrue();
        assertThat(state.activeAlerts()).singleElement().satisfies(a -> assertThat(a.everMuted()).isTrue());
        assertThat(first.timeline()).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo("a_m_silence");
            assertThat(entry.detail()).containsEntry("rule_id", "s1").containsEntry("rule_name", "quiet s1")
                    .containsEntry("alert_id", first.alert().alertId());
        });

        Outcome update = engine.apply(state, trigger("db-1", Severity.Critical, T0 + 5), T0 + 5);
        assertThat(update.alert().everMuted()).isTrue();
        assertThat(update.timeline()).isEmpty();
    }

    @Test
    void aRecoveryIsNeverSilencedAway() throws Exception {
        engine.apply(state, trigger("db-1", Severity.Warning, T0), T0);
        rules(rule("s1", new SilenceWindow.Once(T0, T0 + 600), true, "db-1"));

        assertThat(engine.apply(state, ok("db-1", T0 + 1), T0 + 1).kind()).isEqualTo(Outcome.Kind.RECOVERED);
    }

    private static long at(String zone, int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, ZoneId.of(zone)).toEpochSecond();
    }

    @Test
    void aWeeklySlotPastMidnightBelongsToTheDayItStartsAndCrossesTheWeekBoundary() {
        // Saturday 22:00 to 06:00: covers Saturday night and Sunday morning, the turn of the week.
        SilenceWindow.Weekly window = new SilenceWindow.Weekly(List.of(new SilenceWindow.Slot(LocalTime.of(22, 0),
                LocalTime.of(6, 0), Set.of(DayOfWeek.SATURDAY))), ZoneId.of("UTC"));

        assertThat(window.covers(at("UTC", 2026, 11, 28, 21, 59))).isFalse(); // Saturday
        assertThat(window.covers(at("UTC", 2026, 11, 28, 22, 0))).isTrue();
        assertThat(window.covers(at("UTC", 2026, 11, 29, 5, 59))).isTrue();  // Sunday
        assertThat(window.covers(at("UTC", 2026, 11, 29, 6, 0))).isFalse();
        assertThat(window.covers(at("UTC", 2026, 11, 29, 23, 0))).as("Sunday night is not in it").isFalse();
        assertThat(window.covers(at("UTC", 2026, 11, 27, 23, 0))).as("nor Friday night").isFalse();
    }

    @Test
    void aWeeklySlotKeepsItsWallClockHoursAcrossADaylightSavingChange() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        SilenceWindow.Weekly window = new SilenceWindow.Weekly(List.of(new SilenceWindow.Slot(LocalTime.of(1, 0),
                LocalTime.of(4, 0), Set.of())), berlin);

        // 2026-03-29: clocks go from 02:00 to 03:00 in Berlin; 01:00-04:00 local is two hours long that night.
        long start = at("Europe/Berlin", 2026, 3, 29, 1, 0);
        assertThat(window.covers(start)).isTrue();
        assertThat(window.covers(start + 2 * 3600 - 1)).isTrue();
        assertThat(window.covers(start + 2 * 3600)).as("04:00 local, two real hours later").isFalse();
        // 2026-10-25: clocks go back from 03:00 to 02:00; the same slot lasts four real hours.
        long autumn = at("Europe/Berlin", 2026, 10, 25, 1, 0);
        assertThat(window.covers(autumn + 4 * 3600 - 1)).isTrue();
        assertThat(window.covers(autumn + 4 * 3600)).isFalse();
        // The same instant read in UTC would be 23:00-02:00; Berlin's zone is what counts.
        assertThat(window.covers(at("Europe/Berlin", 2026, 6, 1, 0, 30))).isFalse();
        assertThat(window.covers(at("Europe/Berlin", 2026, 6, 1, 3, 30))).isTrue();
    }

    @Test
    void weekdaysLimitASlot() {
        SilenceWindow.Weekly weekdays = new SilenceWindow.Weekly(List.of(new SilenceWindow.Slot(LocalTime.of(9, 0),
                LocalTime.of(17, 0), Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))), ZoneId.of("UTC"));

        assertThat(weekdays.covers(at("UTC", 2026, 11, 23, 12, 0))).isTrue();  // Monday
        assertThat(weekdays.covers(at("UTC", 2026, 11, 24, 12, 0))).isFalse(); // Tuesday
        assertThat(weekdays.covers(at("UTC", 2026, 11, 27, 16, 59))).isTrue(); // Friday
    }
}
