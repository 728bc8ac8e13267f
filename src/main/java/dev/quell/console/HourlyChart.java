package dev.quell.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Incidents opened (bars) and events received (a line) per hour, laid out for an SVG drawn on the server: every
 * coordinate is worked out here, so the template only places them.
 */
public record HourlyChart(List<Bar> bars, String eventLine, long maxIncidents, long maxEvents, long totalIncidents,
                          long totalEvents, String firstHourLabel) {
    public static final int WIDTH = 720;
    public static final int HEIGHT = 120;
    private static final int SLOT = WIDTH / 24;

    /** One hour: its bar's place and size, and what the tooltip says. */
    public record Bar(int x, int y, int width, int height, String title) {
    }

    public static HourlyChart of(long fromHour, long[] incidents, long[] events) {
        long maxIncidents = Math.max(1, max(incidents));
        long maxEvents = Math.max(1, max(events));
        List<Bar> bars = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int hour = 0; hour < incidents.length; hour++) {
            int height = (int) Math.round((double) incidents[hour] / maxIncidents * (HEIGHT - 10));
            String label = Formats.time((fromHour + hour) * 3600).substring(11, 16);
            bars.add(new Bar(hour * SLOT + 2, HEIGHT - height, SLOT - 4, height,
                    label + " UTC: " + incidents[hour] + " incidents, " + events[hour] + " events"));
            long y = HEIGHT - Math.round((double) events[hour] / maxEvents * (HEIGHT - 10));
            line.append(hour == 0 ? "" : " ").append(hour * SLOT + SLOT / 2).append(',').append(y);
        }
        return new HourlyChart(bars, line.toString(), max(incidents), max(events), sum(incidents), sum(events),
                Formats.time(fromHour * 3600).substring(11, 16));
    }

    private static long max(long[] values) {
        long max = 0;
        for (long value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum;
    }
}
