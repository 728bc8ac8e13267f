package dev.quell.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quell.engine.Flapping;
import dev.quell.engine.GroupCase;
import dev.quell.engine.GroupMethod;
import dev.quell.engine.Grouping;
import dev.quell.filter.ConditionSpec;
import dev.quell.filter.Filter;
import dev.quell.filter.InvalidFilter;

import java.util.ArrayList;
import java.util.List;

/**
 * A channel's {@code group} and {@code flapping} objects, read from the Open API (validated, every error naming the
 * field) and written back the same way, both for API answers and for the store, which keeps them as this JSON.
 *
 * <p>A {@code group} object replaces the whole grouping: fields it leaves out take their defaults. A grouping case is
 * {@code {"if": <filters>, "equals": [[dimension, ...], ...]}}.
 */
public final class ChannelSettingsJson {
    public static final int MAX_DIMENSION_LISTS = 5;
    public static final int MAX_DIMENSIONS_PER_LIST = 5;
    public static final int MAX_CASES = 100;
    public static final int MAX_WINDOW_MINUTES = 43_200;
    public static final int MAX_STORM_THRESHOLDS = 5;
    public static final int MIN_STORM_THRESHOLD = 2;
    public static final int MAX_STORM_THRESHOLD = 10_000;
    public static final int MAX_SIMILARITY_KEYS = 10;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChannelSettingsJson() {
    }

    /** Reads a {@code group} object; throws {@link IllegalArgumentException} naming the first invalid field. */
    public static Grouping grouping(JsonNode group) {
        requireObject(group, "group");
        String methodName = text(group, "method", "group.method");
        if (methodName == null) {
            throw new IllegalArgumentException("group.method is required: n, p or i");
        }
        GroupMethod method = switch (methodName) {
            case "n" -> GroupMethod.n;
            case "p" -> GroupMethod.p;
            case "i" -> GroupMethod.i;
            default -> throw new IllegalArgumentException("group.method must be n (off), p (rule-based) or i "
                    + "(intelligent) (got " + group.get("method") + ")");
        };
        List<List<String>> equals = dimensionLists(group.get("equals"), "group.equals");
        if (method == GroupMethod.p && equals.isEmpty()) {
            throw new IllegalArgumentException("group.equals is required for rule-based grouping (method p): "
                    + "the default dimensions, e.g. [[\"labels.host\"]]");
        }
        List<GroupCase> cases = cases(group.get("cases"));
        int window = intIn(group, "time_window", "group.time_window", 0, 0, MAX_WINDOW_MINUTES);
        String windowTypeName = text(group, "window_type", "group.window_type");
        Grouping.WindowType windowType = switch (windowTypeName == null ? "tumbling" : windowTypeName) {
            case "tumbling" -> Grouping.WindowType.tumbling;
            case "sliding" -> Grouping.WindowType.sliding;
            default -> throw new IllegalArgumentException("group.window_type must be tumbling or sliding (got "
                    + group.get("window_type") + ")");
        };
        List<String> similarityKeys = group.hasNonNull("i_keys")
                ? dimensions(group.get("i_keys"), "group.i_keys", MAX_SIMILARITY_KEYS)
                : Grouping.DEFAULT_SIMILARITY_KEYS;
        double threshold = Grouping.DEFAULT_SCORE_THRESHOLD;
        if (group.hasNonNull("i_score_threshold")) {
            JsonNode node = group.get("i_score_threshold");
            if (!node.isNumber() || node.asDouble() < 0.5 || node.asDouble() > 1) {
                throw new IllegalArgumentException("group.i_score_threshold must be a number from 0.5 to 1 (got "
                        + node + ")");
            }
            threshold = node.asDouble();
        }
        return new Grouping(method, equals, cases, bool(group, "all_equals_required", "group.all_equals_required"),
                window, windowType, stormThresholds(group), similarityKeys, threshold);
    }

    private static List<GroupCase> cases(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_CASES) {
            throw new IllegalArgumentException("group.cases must be an array of at most " + MAX_CASES + " cases");
        }
        List<GroupCase> cases = new ArrayList<>();
        for (int c = 0; c < node.size(); c++) {
            String field = "group.cases[" + c + "]";
            JsonNode groupCase = node.get(c);
            requireObject(groupCase, field);
            Filter filter;
            try {
                filter = Filter.compile(filterSpecs(groupCase.get("if"), field + ".if"));
            } catch (InvalidFilter e) {
                throw new IllegalArgumentException(field + ".if: " + e.getMessage());
            }
            if (filter.isEmpty()) {
                throw new IllegalArgumentException(field + ".if is required: the filters the case applies to");
            }
            List<List<String>> equals = dimensionLists(groupCase.get("equals"), field + ".equals");
            if (equals.isEmpty()) {
                throw new IllegalArgumentException(field + ".equals is required: the dimensions the case groups by");
            }
            cases.add(new GroupCase(filter, equals));
        }
        return cases;
    }

    /** An OR-of-AND filter array as condition specs; shapes are checked here, values by {@link Filter#compile}. */
    public static List<List<ConditionSpec>> filterSpecs(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + " must be an array of AND groups (arrays of conditions)");
        }
        List<List<ConditionSpec>> groups = new ArrayList<>();
        for (int g = 0; g < node.size(); g++) {
            JsonNode group = node.get(g);
            if (!group.isArray()) {
                throw new IllegalArgumentException(field + "[" + g + "] must be an array of conditions");
            }
            List<ConditionSpec> conditions = new ArrayList<>();
            for (int c = 0; c < group.size(); c++) {
                JsonNode condition = group.get(c);
                String at = field + "[" + g + "][" + c + "]";
                requireObject(condition, at);
                JsonNode vals = condition.get("vals");
                if (vals != null && !vals.isArray()) {
                    throw new IllegalArgumentException(at + ".vals must be an array of strings");
                }
                List<String> values = new ArrayList<>();
                if (vals != null) {
                    for (JsonNode val : vals) {
                        if (!val.isTextual()) {
                            throw new IllegalArgumentException(at + ".vals must be an array of strings");
                        }
                        values.add(val.asText());
                    }
                }
                conditions.add(new ConditionSpec(text(condition, "key", at + ".key"),
                        text(condition, "oper", at + ".oper"), values));
            }
            groups.add(conditions);
        }
        return groups;
    }

    private static List<Integer> stormThresholds(JsonNode group) {
        List<Integer> thresholds = new ArrayList<>();
        JsonNode list = group.get("storm_thresholds");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.size() > MAX_STORM_THRESHOLDS) {
                throw new IllegalArgumentException("group.storm_thresholds must be an array of at most "
                        + MAX_STORM_THRESHOLDS + " alert counts");
            }
            for (int t = 0; t < list.size(); t++) {
                thresholds.add(stormThreshold(list.get(t), "group.storm_thresholds[" + t + "]"));
            }
        }
        JsonNode single = group.get("storm_threshold");
        if (single != null && !single.isNull() && !(single.isIntegralNumber() && single.asLong() == 0)) {
            thresholds.add(stormThreshold(single, "group.storm_threshold"));
        }
        if (thresholds.stream().distinct().count() > MAX_STORM_THRESHOLDS) {
            throw new IllegalArgumentException("group.storm_thresholds: at most " + MAX_STORM_THRESHOLDS
                    + " thresholds, storm_threshold included");
        }
        return thresholds;
    }

    private static int stormThreshold(JsonNode node, String field) {
        if (!node.isIntegralNumber() || node.asLong() < MIN_STORM_THRESHOLD || node.asLong() > MAX_STORM_THRESHOLD) {
            throw new IllegalArgumentException(field + " must be an alert count from " + MIN_STORM_THRESHOLD + " to "
                    + MAX_STORM_THRESHOLD + " (got " + node + ")");
        }
        return node.asInt();
    }

    private static List<List<String>> dimensionLists(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_DIMENSION_LISTS) {
            throw new IllegalArgumentException(field + " must be an array of at most " + MAX_DIMENSION_LISTS
                    + " dimension lists, e.g. [[\"labels.host\", \"labels.check\"]]");
        }
        List<List<String>> lists = new ArrayList<>();
        for (int l = 0; l < node.size(); l++) {
            List<String> dimensions = dimensions(node.get(l), field + "[" + l + "]", MAX_DIMENSIONS_PER_LIST);
            if (dimensions.isEmpty()) {
                throw new IllegalArgumentException(field + "[" + l + "] must name at least one dimension");
            }
            lists.add(dimensions);
        }
        return lists;
    }

    private static List<String> dimensions(JsonNode node, String field, int max) {
        if (!node.isArray() || node.size() > max) {
            throw new IllegalArgumentException(field + " must be an array of at most " + max + " dimensions");
        }
        List<String> dimensions = new ArrayList<>();
        for (JsonNode dimension : node) {
            String name = dimension.isTextual() ? dimension.asText() : null;
            boolean known = "title".equals(name) || "description".equals(name) || "severity".equals(name)
                    || name != null && name.startsWith("labels.") && name.length() > "labels.".length();
            if (!known) {
                throw new IllegalArgumentException(field + ": " + dimension + " is not a dimension; use title, "
                        + "description, severity or labels.<name>");
            }
            dimensions.add(name);
        }
        return dimensions;
    }

    /** Reads a {@code flapping} object; fields it leaves out take the defaults. */
    public static Flapping flapping(JsonNode node) {
        requireObject(node, "flapping");
        int maxChanges = intIn(node, "max_changes", "flapping.max_changes", Flapping.DEFAULT_MAX_CHANGES, 2, 100);
        int inMinutes = intIn(node, "in_mins", "flapping.in_mins", Flapping.DEFAULT_IN_MINUTES, 1, 1440);
        int muteMinutes = intIn(node, "mute_mins", "flapping.mute_mins", 0, 0, 1440);
        if (muteMinutes > 0 && muteMinutes < 30) {
            throw new IllegalArgumentException("flapping.mute_mins must be 0 (mark only) or 30 to 1440 minutes "
                    + "(mark, then mute) (got " + muteMinutes + ")");
        }
        Flapping.Mode mode = bool(node, "is_disabled", "flapping.is_disabled") ? Flapping.Mode.off
                : muteMinutes > 0 ? Flapping.Mode.silence : Flapping.Mode.alert;
        return new Flapping(mode, maxChanges, inMinutes,
                muteMinutes > 0 ? muteMinutes : Flapping.DEFAULT_MUTE_MINUTES);
    }

    public static ObjectNode toJson(Grouping grouping) {
        ObjectNode out = NODES.objectNode();
        out.put("method", grouping.method().name());
        out.set("equals", dimensionListsJson(grouping.equals()));
        ArrayNode cases = out.putArray("cases");
        for (GroupCase groupCase : grouping.cases()) {
            ObjectNode item = cases.addObject();
            item.set("if", filterJson(groupCase.filter().specs()));
            item.set("equals", dimensionListsJson(groupCase.equals()));
        }
        out.put("all_equals_required", grouping.allEqualsRequired());
        out.put("time_window", grouping.windowMinutes());
        out.put("window_type", grouping.windowType().name());
        ArrayNode thresholds = out.putArray("storm_thresholds");
        grouping.stormThresholds().forEach(thresholds::add);
        ArrayNode keys = out.putArray("i_keys");
        grouping.similarityKeys().forEach(keys::add);
        out.put("i_score_threshold", grouping.scoreThreshold());
        return out;
    }

    public static ArrayNode filterJson(List<List<ConditionSpec>> specs) {
        ArrayNode groups = NODES.arrayNode();
        for (List<ConditionSpec> group : specs) {
            ArrayNode conditions = groups.addArray();
            for (ConditionSpec spec : group) {
                ObjectNode condition = conditions.addObject();
                condition.put("key", spec.key());
                condition.put("oper", spec.oper());
                ArrayNode vals = condition.putArray("vals");
                spec.vals().forEach(vals::add);
            }
        }
        return groups;
    }

    /** The API's shape: the mode shows as {@code is_disabled} and {@code mute_mins} (0 when it only marks). */
    public static ObjectNode toJson(Flapping flapping) {
        ObjectNode out = NODES.objectNode();
        out.put("is_disabled", flapping.mode() == Flapping.Mode.off);
        out.put("max_changes", flapping.maxChanges());
        out.put("in_mins", flapping.inMinutes());
        out.put("mute_mins", flapping.mode() == Flapping.Mode.silence ? flapping.muteMinutes() : 0);
        return out;
    }

    private static ArrayNode dimensionListsJson(List<List<String>> lists) {
        ArrayNode out = NODES.arrayNode();
        for (List<String> list : lists) {
            ArrayNode dimensions = out.addArray();
            list.forEach(dimensions::add);
        }
        return out;
    }

    private static void requireObject(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(field + " must be an object");
        }
    }

    private static String text(JsonNode object, String name, String field) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string (got " + node + ")");
        }
        return node.asText();
    }

    private static boolean bool(JsonNode object, String name, String field) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false (got " + node + ")");
        }
        return node.asBoolean();
    }

    private static int intIn(JsonNode object, String name, String field, int absent, int min, int max) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw new IllegalArgumentException(field + " must be a whole number from " + min + " to " + max
                    + " (got " + node + ")");
        }
        return node.asInt();
    }
}
