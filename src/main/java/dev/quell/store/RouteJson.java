package dev.quell.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quell.engine.Route;
import dev.quell.filter.Filter;
import dev.quell.filter.InvalidFilter;

import java.util.ArrayList;
import java.util.List;

/**
 * A route's {@code cases} ({@code [{if, channel_ids, fallthrough}]}) and {@code default} ({@code {channel_ids}}) in
 * the Open API's shape: read from requests (errors name the field) and from the store, and written back.
 */
public final class RouteJson {
    public static final int MAX_CASES = 100;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RouteJson() {
    }

    public static List<Route.Case> cases(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_CASES) {
            throw new IllegalArgumentException("cases must be an array of at most " + MAX_CASES + " cases");
        }
        List<Route.Case> cases = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "cases[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                throw new IllegalArgumentException(field + " must be an object {if, channel_ids, fallthrough}");
            }
            Filter filter;
            try {
                filter = Filter.compile(ChannelSettingsJson.filterSpecs(item.get("if"), field + ".if"));
            } catch (InvalidFilter e) {
                throw new IllegalArgumentException(field + ".if: " + e.getMessage());
            }
            if (filter.isEmpty()) {
                throw new IllegalArgumentException(field + ".if is required: the events the case routes");
            }
            List<Long> channels = channelIds(item.get("channel_ids"), field + ".channel_ids");
            if (channels.isEmpty()) {
                throw new IllegalArgumentException(field + ".channel_ids is required: where the events go");
            }
            cases.add(new Route.Case(filter, channels, item.path("fallthrough").asBoolean(false)));
        }
        return cases;
    }

    public static List<Long> channelIds(JsonNode node, String field) {
        List<Long> ids = new ArrayList<>();
        if (node == null || node.isNull()) {
            return ids;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + " must be an array of channel ids");
        }
        for (JsonNode id : node) {
            if (!id.isIntegralNumber()) {
                throw new IllegalArgumentException(field + " must be an array of channel ids (got " + id + ")");
            }
            ids.add(id.asLong());
        }
        return ids;
    }

    public static ArrayNode casesJson(List<Route.Case> cases) {
        ArrayNode out = NODES.arrayNode();
        for (Route.Case routeCase : cases) {
            ObjectNode item = out.addObject();
            item.set("if", ChannelSettingsJson.filterJson(routeCase.filter().specs()));
            ArrayNode channels = item.putArray("channel_ids");
            routeCase.channelIds().forEach(channels::add);
            item.put("fallthrough", routeCase.fallthrough());
        }
        return out;
    }

    public static ArrayNode channelsJson(List<Long> channelIds) {
        ArrayNode out = NODES.arrayNode();
        channelIds.forEach(out::add);
        return out;
    }
}
