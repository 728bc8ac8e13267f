package dev.quell.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/** When a silence rule is in effect: once, between two instants, or every week in local time slots. */
public sealed interface SilenceWindow {

    boolean covers(long epochSecond);

    /** From {@code start} (inclusive) to {@code end} (exclusive), Unix seconds. */
    record Once(long start, long end) implements SilenceWindow {
        @Override
        public boolean covers(long epochSecond) {
            return epochSecond >= start && epochSecond < end;
        }
    }

    /**
     * Weekly slots in a time zone. A slot runs from {@code start} to {@code end} local time on each of its days
     * (every day when none is given); an end at or before the start runs past midnight into the next day, and
     * belongs to the day it started on. Local times follow the zone's rules, so a slot keeps its wall-clock hours
     * across a daylight-saving change (a start that falls in the skipped hour begins when the clocks resume).
     */
    record Weekly(List<Slot> slots, ZoneId zone) implements SilenceWindow {
        @Override
        public boolean covers(long epochSecond) {
            ZonedDateTime at = Instant.ofEpochSecond(epochSecond).atZone(zone);
            LocalDate today = at.toLocalDate();
            for (Slot slot : slots) {
                // The slot may have started today or, running past midnight, yesterday.
                for (LocalDate day : List.of(today, today.minusDays(1))) {
                    if (slot.runsOn(day.getDayOfWeek()) && slot.covers(day, at, zone)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** One weekly slot; {@code days} empty means every day. */
    record Slot(LocalTime start, LocalTime end, Set<DayOfWeek> days) {
        boolean runsOn(DayOfWeek day) {
            return days.isEmpty() || days.contains(day);
        }

        boolean covers(LocalDate day, ZonedDateTime at, ZoneId zone) {
            ZonedDateTime from = day.atTime(start).atZone(zone);
            ZonedDateTime to = (end.isAfter(start) ? day : day.plusDays(1)).atTime(end).atZone(zone);
            return !at.isBefore(from) && at.isBefore(to);
        }
    }
}
