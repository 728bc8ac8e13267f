package dev.quell.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quell.engine.AlertEvent;
import dev.quell.engine.Image;
import dev.quell.engine.Integration;
import dev.quell.engine.Labels;
import dev.quell.engine.Severity;
import dev.quell.template.TitleRule;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the body of {@code POST /event/push/alert/standard} into an {@link AlertEvent}: validates it against
 * the push contract, truncates what the contract says to truncate, renders the title and derives a stable
 * {@code alert_key} for triggers that came without one. Unknown fields are ignored.
 */
public final class StandardEventDecoder {
    public static final int MAX_TITLE_RULE = 512;
    public static final int MAX_DESCRIPTION = 2048;
    public static final int MAX_ALERT_KEY = 255;
    public static final int MAX_LABELS = 50;
    public static final int MAX_LABEL_KEY = 128;
    public static final int MAX_LABEL_VALUE = 2048;
    public static final int MAX_IMAGE_ALT = 128;
    public static final int MAX_IMAGE_SRC = 256;
    public static final int MAX_IMAGE_HREF = 256;
    private static final String STATUSES = "Critical, Warning, Info, Ok";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final ObjectMapper json;

    public StandardEventDecoder(ObjectMapper json) {
        this.json = json;
    }

    public AlertEvent decode(byte[] body, Integration integration, long now) throws InvalidEventException {
        return decode(body, body.length, integration, now, PushOverrides.NONE);
    }

    /**
     * The event in the first {@code length} bytes of {@code body}, with what the push URL's query imposes
     * ({@link PushOverrides}).
     */
    public AlertEvent decode(byte[] body, int length, Integration integration, long now, PushOverrides overrides)
            throws InvalidEventException {
        PushedFields pushed = read(body, length);
        String titleRule = Text.truncate(overrides.titleRule() != null ? overrides.titleRule()
                : requiredString(pushed.titleRule, "title_rule"), MAX_TITLE_RULE);
        Severity status = status(pushed.eventStatus);
        if (overrides.severity() != null && status.isTrigger()) {
            status = overrides.severity();
        }
        String description = Text.truncate(optionalString(pushed.description, "description"), MAX_DESCRIPTION);
        Map<String, String> labels = labels(pushed.labels);
        long eventTime = eventTime(pushed.eventTime, now);
        List<Image> images = images(pushed.images);
        String alertKey = alertKey(pushed.alertKey, status, titleRule, labels);

        TitleRule.Fields fields = new TitleRule.Fields(titleRule, description, status.name(), status.name(),
                alertKey, titleRule, integration.integrationType(), integration.integrationName());
        String title = Text.truncate(TitleRule.render(titleRule, labels, fields), MAX_TITLE_RULE);
        return new AlertEvent(integration.integrationId(), integration.channelId(), alertKey, status, titleRule,
                title, description, labels, images, eventTime);
    }

    /**
     * The contract's fields as the body gives them, each null when absent or JSON null. A string is kept as a
     * {@code String}; {@code labels} given as an object as a map of its values; any other value as a
     * {@link JsonNode}, for the validation below to refuse it by its shape.
     */
    private static final class PushedFields {
        Object titleRule;
        Object eventStatus;
        Object description;
        Object alertKey;
        Object labels;
        Object eventTime;
        Object images;
    }

    /**
     * Reads the body with Jackson's streaming parser rather than into a tree: a push's fields are few and flat, and
     * a tree of every value was the largest thing a push allocated. As a tree would, it takes a field given twice
     * at its last value, skips unknown fields of any shape (still checking that they are JSON), and judges a body
     * as JSON before judging its shape.
     */
    private PushedFields read(byte[] body, int length) throws InvalidEventException {
        if (length == 0) {
            throw new InvalidEventException("request body is empty; expected a JSON object");
        }
        try (JsonParser parser = json.createParser(body, 0, length)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                if (first != null) {
                    parser.readValueAsTree();
                }
                throw new InvalidEventException("request body must be a JSON object");
            }
            PushedFields pushed = new PushedFields();
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "title_rule" -> pushed.titleRule = value(parser, token);
                    case "event_status" -> pushed.eventStatus = value(parser, token);
                    case "description" -> pushed.description = value(parser, token);
                    case "alert_key" -> pushed.alertKey = value(parser, token);
                    case "labels" -> pushed.labels = token == JsonToken.START_OBJECT ? labelValues(parser)
                            : value(parser, token);
                    case "event_time" -> pushed.eventTime = value(parser, token);
                    case "images" -> pushed.images = value(parser, token);
                    default -> parser.skipChildren();
                }
            }
            return pushed;
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException("request body could not be read as JSON");
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NULL -> null;
            default -> parser.readValueAsTree();
        };
    }

    /** The label object's values in the order of their keys' first appearance, a key given twice at its last. */
    private static Map<String, Object> labelValues(JsonParser parser) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            values.put(key, token == JsonToken.VALUE_STRING ? parser.getText() : parser.readValueAsTree());
        }
        return values;
    }

    /** A value as JSON, for a message that quotes what was given. */
    private static String asJson(Object value) {
        return value instanceof String text ? TextNode.valueOf(text).toString() : String.valueOf(value);
    }

    private static String requiredString(Object value, String field) throws InvalidEventException {
        if (value == null) {
            throw new InvalidEventException(field + " is required");
        }
        if (!(value instanceof String text)) {
            throw new InvalidEventException(field + " must be a string");
        }
        if (text.isBlank()) {
            throw new InvalidEventException(field + " must not be empty");
        }
        return text;
    }

    private static String optionalString(Object value, String field) throws InvalidEventException {
        if (value == null) {
            return "";
        }
        if (!(value instanceof String text)) {
            throw new InvalidEventException(field + " must be a string");
        }
        return text;
    }

    private static Severity status(Object value) throws InvalidEventException {
        if (value == null) {
            throw new InvalidEventException("event_status is required: one of " + STATUSES);
        }
        Severity status = value instanceof String text ? Severity.parseExact(text) : null;
        if (status == null) {
            throw new InvalidEventException("event_status must be exactly one of " + STATUSES + " (got "
                    + asJson(value) + ")");
        }
        return status;
    }

    private static Map<String, String> labels(Object value) throws InvalidEventException {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> given)) {
            throw new InvalidEventException("labels must be an object whose values are strings");
        }
        if (given.size() > MAX_LABELS) {
            throw new InvalidEventException("labels must have at most " + MAX_LABELS + " entries (got " + given.size()
                    + ")");
        }
        Map<String, String> labels = new HashMap<>(given.size() * 2);
        for (Map.Entry<?, ?> label : given.entrySet()) {
            String key = Text.truncate((String) label.getKey(), MAX_LABEL_KEY);
            if (!(label.getValue() instanceof String text)) {
                throw new InvalidEventException("labels." + key
                        + " must be a string (labels must be an object whose values are strings)");
            }
            labels.put(key, Text.truncate(text, MAX_LABEL_VALUE));
        }
        return Labels.sorted(labels);
    }

    /** Seconds; absent means now, and a time in the future is taken as now so it cannot freeze the alert. */
    private static long eventTime(Object value, long now) throws InvalidEventException {
        if (value == null) {
            return now;
        }
        if (!(value instanceof JsonNode node) || !node.isIntegralNumber() || !node.canConvertToLong()
                || node.longValue() < 0) {
            throw new InvalidEventException("event_time must be a non-negative integer of Unix seconds (got "
                    + asJson(value) + ")");
        }
        return Math.min(node.longValue(), now);
    }

    private static String alertKey(Object value, Severity status, String titleRule, Map<String, String> labels)
            throws InvalidEventException {
        String given = optionalString(value, "alert_key");
        if (given.isEmpty()) {
            if (!status.isTrigger()) {
                throw new InvalidEventException("alert_key is required when event_status is Ok");
            }
            return derivedKey(titleRule, labels);
        }
        int length = Text.codePoints(given);
        if (length > MAX_ALERT_KEY) {
            throw new InvalidEventException("alert_key must be at most " + MAX_ALERT_KEY + " characters (got " + length + ")");
        }
        return given;
    }

    /**
     * The same title rule and labels always give the same key, so key-less repeats dedupe. Each string is hashed
     * with its length in front, so no text (not even one holding control characters) can make different rules
     * and labels hash the same bytes.
     */
    static String derivedKey(String titleRule, Map<String, String> sortedLabels) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        hashLengthPrefixed(sha, titleRule);
        for (Map.Entry<String, String> label : sortedLabels.entrySet()) {
            hashLengthPrefixed(sha, label.getKey());
            hashLengthPrefixed(sha, label.getValue());
        }
        byte[] digest = sha.digest();
        char[] hex = new char[32];
        for (int i = 0; i < 16; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex);
    }

    private static void hashLengthPrefixed(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        sha.update(bytes);
    }

    /**
     * Images: {@code src} must be an http(s) URL of at most 256 characters or the image is dropped; {@code alt}
     * and {@code href} are truncated; images with the same {@code alt} are kept once.
     */
    private static List<Image> images(Object value) throws InvalidEventException {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonNode node) || !node.isArray()) {
            throw new InvalidEventException("images must be an array of objects with src, href and alt");
        }
        Map<String, Image> byAlt = new LinkedHashMap<>();
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw new InvalidEventException("images must be an array of objects with src, href and alt");
            }
            String src = textOrEmpty(item.get("src"));
            if (Text.codePoints(src) > MAX_IMAGE_SRC || !isHttpUrl(src)) {
                continue;
            }
            String alt = Text.truncate(textOrEmpty(item.get("alt")), MAX_IMAGE_ALT);
            String href = Text.truncate(textOrEmpty(item.get("href")), MAX_IMAGE_HREF);
            byAlt.putIfAbsent(alt, new Image(src, href, alt));
        }
        return List.copyOf(new ArrayList<>(byAlt.values()));
    }

    private static String textOrEmpty(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : "";
    }

    private static boolean isHttpUrl(String src) {
        try {
            URI uri = new URI(src);
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
