package dev.quell.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quell.engine.SilenceWindow;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A silence rule's window in the Open API's terms: {@code time_filter} ({@code start_time}, {@code end_time}, Unix
 * seconds) for a one-off window, or {@code time_filters} (each {@code start} and {@code end} as {@code HH:MM}, and
 * {@code repeat}: weekdays 0 = Sunday .. 6, none = every day) with {@code time_zone} (an IANA name, default UTC) for a
 * weekly one. Exactly one of the two. Read from requests (errors name the field) and from the store.
 */
public final class SilenceWindowJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SilenceWindowJson() {
    }

    /** From a request or a stored object holding {@code time_filter}, or {@code time_filters} and {@code time_zone}. */
    public static SilenceWindow read(JsonNode object) {
        JsonNode once = object.get("time_filter");
        JsonNode weekly = object.get("time_filters");
        boolean hasOnce = once != null && !once.isNull();
        boolean hasWeekly = weekly != null && !weekly.isNull() && !(weekly.isArray() && weekly.isEmpty());
        if (hasOnce == hasWeekly) {
            throw new IllegalArgumentException("give exactly one of time_filter (a one-off window) and time_filters "
                    + "(weekly windows)");
        }
        return hasOnce ? once(once) : weekly(weekly, object.get("time_zone"));
    }

    private static SilenceWindow once(JsonNode node) {
        if (!node.isObject() || !node.path("start_time").isIntegralNumber() || !node.path("end_time").isIntegralNumber()) {
            throw new IllegalArgumentException("time_filter must be {\"start_time\": seconds, \"end_time\": seconds}");
        }
        long start = node.get("start_time").asLong();
        long end = node.get("end_time").asLong();
        if (start <= 0 || end <= start) {
            throw new IllegalArgumentException("time_filter.start_time must be positive and before end_time (got "
                    + start + " to " + end + ")");
        }
        return new SilenceWindow.Once(start, end);
    }

    private static SilenceWindow weekly(JsonNode list, JsonNode zoneNode) {
        if (!list.isArray() || list.size() > 50) {
            throw new IllegalArgumentException("time_filters must be an array of at most 50 weekly windows");
        }
        ZoneId zone;
        try {
            zone = zoneNode == null || zoneNode.isNull() ? ZoneId.of("UTC") : ZoneId.of(zoneNode.asText());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time_zone " + zoneNode + " is not a time zone (use a name such as "
                    + "Europe/Berlin)");
        }
        List<SilenceWindow.Slot> slots = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "time_filters[" + i + "]";
            JsonNode slot = list.get(i);
            if (!slot.isObject()) {
                throw new IllegalArgumentException(field + " must be {\"start\": \"HH:MM\", \"end\": \"HH:MM\", "
                        + "\"repeat\": [weekdays]}");
            }
            LocalTime start = clock(slot.get("start"), field + ".start");
            LocalTime end = clock(slot.get("end"), field + ".end");
            if (start.equals(end)) {
                throw new IllegalArgumentException(field + ": start and end must differ");
            }
            slots.add(new SilenceWindow.Slot(start, end, days(slot.get("repeat"), field + ".repeat")));
        }
        return new SilenceWindow.Weekly(slots, zone);
    }

    private static LocalTime clock(JsonNode node, String field) {
        String text = node == null || !node.isTextual() ? "" : node.asText();
        if (!text.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            throw new IllegalArgumentException(field + " must be a time HH:MM from 00:00 to 23:59 (got "
                    + (node == null ? "nothing" : node.toString()) + ")");
        }
        return LocalTime.parse(text);
    }

    private static Set<DayOfWeek> days(JsonNode node, String field) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (node == null || node.isNull()) {
            return days;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + " must be an array of weekdays, 0 (Sunday) to 6 (Saturday)");
        }
        for (JsonNode day : node) {
            if (!day.isIntegralNumber() || day.asInt() < 0 || day.asInt() > 6) {
                throw new IllegalArgumentException(field + " must hold weekdays 0 (Sunday) to 6 (Saturday) (got "
                        + day + ")");
            }
            days.add(day.asInt() == 0 ? DayOfWeek.SUNDAY : DayOfWeek.of(day.asInt()));
        }
        return days;
    }

    /** The window as the fields {@link #read} takes, put into {@code out}. */
    public static ObjectNode write(SilenceWindow window, ObjectNode out) {
        if (window instanceof SilenceWindow.Once once) {
            ObjectNode filter = out.putObject("time_filter");
            filter.put("start_time", once.start());
            filter.put("end_time", once.end());
            out.putArray("time_filters");
        } else if (window instanceof SilenceWindow.Weekly weekly) {
            ArrayNode filters = out.putArray("time_filters");
            for (SilenceWindow.Slot slot : weekly.slots()) {
                ObjectNode item = filters.addObject();
                item.put("start", slot.start().toString());
                item.put("end", slot.end().toString());
                ArrayNode repeat = item.putArray("repeat");
                slot.days().stream().map(day -> day.getValue() % 7).sorted().forEach(repeat::add);
            }
            out.put("time_zone", weekly.zone().getId());
            out.putNull("time_filter");
        }
        return out;
    }

    public static ObjectNode toJson(SilenceWindow window) {
        return write(window, NODES.objectNode());
    }
}
