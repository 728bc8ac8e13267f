package dev.quell.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes times and durations: UTC wall time, and short spans such as {@code 2h 5m}. */
public final class Formats {
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** Unix seconds as UTC wall time; a dash for 0 (never happened). */
    public static String time(long unixSeconds) {
        return unixSeconds <= 0 ? "—" : WALL.format(Instant.ofEpochSecond(unixSeconds));
    }

    /** Unix seconds as the {@code datetime} attribute of a {@code <time>} element. */
    public static String isoTime(long unixSeconds) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(Math.max(0, unixSeconds)));
    }

    /** A span in its two largest units: {@code 45s}, {@code 3m 20s}, {@code 2h 5m}, {@code 1d 4h}. */
    public static String duration(long seconds) {
        if (seconds < 0) {
            return "—";
        }
        long days = seconds / 86400;
        long hours = seconds % 86400 / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m " + secs + "s";
        }
        return secs + "s";
    }

    /** How long ago, in the two largest units. */
    public static String ago(long unixSeconds, long now) {
        return duration(Math.max(0, now - unixSeconds)) + " ago";
    }
}
