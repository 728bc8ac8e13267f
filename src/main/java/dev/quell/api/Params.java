package dev.quell.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.http.ApiError;

import java.util.ArrayList;
import java.util.List;

/** Typed, validated access to an Open API request body; every failure names the field. */
final class Params {
    private final JsonNode body;
    private final String prefix;
    private final String actor;

    /** A request's body, sent by {@code actor} (who the timeline names: {@code api}, or a console user). */
    Params(JsonNode body, String actor) {
        this(body, "", actor);
    }

    /** Params of a nested object; messages name fields as {@code prefix + field}, e.g. {@code rate_limit.per_second}. */
    Params(JsonNode body, String prefix, String actor) {
        this.body = body;
        this.prefix = prefix;
        this.actor = actor;
    }

    String actor() {
        return actor;
    }

    private JsonNode node(String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }

    boolean has(String field) {
        return node(field) != null;
    }

    /** The field as sent (null when absent), for values with their own validation, such as filters. */
    JsonNode raw(String field) {
        return node(field);
    }

    long requiredLong(String field) {
        JsonNode node = node(field);
        if (node == null) {
            throw ApiError.invalid(prefix + field + " is required");
        }
        return asLong(field, node);
    }

    Long optionalLong(String field) {
        JsonNode node = node(field);
        return node == null ? null : asLong(field, node);
    }

    private long asLong(String field, JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiError.invalid(prefix + field + " must be an integer (got " + node + ")");
        }
        return node.longValue();
    }

    int intInRange(String field, int defaultValue, int min, int max) {
        Long value = optionalLong(field);
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            throw ApiError.invalid(prefix + field + " must be between " + min + " and " + max + " (got " + value + ")");
        }
        return value.intValue();
    }

    Boolean optionalBoolean(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw ApiError.invalid(prefix + field + " must be true or false (got " + node + ")");
        }
        return node.booleanValue();
    }

    String optionalString(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.invalid(prefix + field + " must be a string (got " + node + ")");
        }
        return node.textValue();
    }

    String requiredString(String field) {
        String value = optionalString(field);
        if (value == null || value.isBlank()) {
            throw ApiError.invalid(prefix + field + " is required");
        }
        return value;
    }

    List<Long> longList(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiError.invalid(prefix + field + " must be an array of integers");
        }
        List<Long> values = new ArrayList<>();
        for (JsonNode item : node) {
            values.add(asLong(field + "[]", item));
        }
        return values;
    }

    List<String> stringList(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiError.invalid(prefix + field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiError.invalid(prefix + field + " must be an array of strings (got " + item + ")");
            }
            values.add(item.textValue());
        }
        return values;
    }

    JsonNode object(String field) {
        JsonNode node = node(field);
        if (node != null && !node.isObject()) {
            throw ApiError.invalid(prefix + field + " must be an object");
        }
        return node;
    }

    /** A comma-separated list of enum names, e.g. {@code "Critical,Warning"}. */
    <E extends Enum<E>> java.util.Set<E> enumSet(String field, Class<E> type) {
        String text = optionalString(field);
        java.util.Set<E> values = java.util.EnumSet.noneOf(type);
        if (text == null || text.isBlank()) {
            return values;
        }
        for (String part : text.split(",")) {
            String name = part.trim();
            try {
                values.add(Enum.valueOf(type, name));
            } catch (IllegalArgumentException e) {
                List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
                throw ApiError.invalid(prefix + field + " has an unknown value \"" + name + "\"; allowed: "
                        + String.join(", ", allowed));
            }
        }
        return values;
    }

    static void requireObjectId(String field, String value) {
        if (!value.matches("[0-9a-fA-F]{24}")) {
            throw ApiError.invalid(field + " must be a 24-hex-digit id (got \"" + value + "\")");
        }
    }
}
