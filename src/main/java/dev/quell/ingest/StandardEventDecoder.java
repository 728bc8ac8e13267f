package dev.quell.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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

    private final ObjectReader json;

    public StandardEventDecoder(ObjectMapper json) {
        this.json = json.readerFor(JsonNode.class);
    }

    public AlertEvent decode(byte[] body, Integration integration, long now) throws InvalidEventException {
        return decode(body, integration, now, PushOverrides.NONE);
    }

    /** The event with what the push URL's query imposes ({@link PushOverrides}). */
    public AlertEvent decode(byte[] body, Integration integration, long now, PushOverrides overrides)
            throws InvalidEventException {
        JsonNode root = parse(body);
        String titleRule = Text.truncate(overrides.titleRule() != null ? overrides.titleRule()
                : requiredString(root, "title_rule"), MAX_TITLE_RULE);
        Severity status = status(root.get("event_status"));
        if (overrides.severity() != null && status.isTrigger()) {
            status = overrides.severity();
        }
        String description = Text.truncate(optionalString(root, "description"), MAX_DESCRIPTION);
        Map<String, String> labels = labels(root.get("labels"));
        long eventTime = eventTime(root.get("event_time"), now);
        List<Image> images = images(root.get("images"));
        String alertKey = alertKey(root, status, titleRule, labels);

        TitleRule.Fields fields = new TitleRule.Fields(titleRule, description, status.name(), status.name(),
                alertKey, titleRule, integration.integrationType(), integration.integrationName());
        String title = Text.truncate(TitleRule.render(titleRule, labels, fields), MAX_TITLE_RULE);
        return new AlertEvent(integration.integrationId(), integration.channelId(), alertKey, status, titleRule,
                title, description, labels, images, eventTime);
    }

    private JsonNode parse(byte[] body) throws InvalidEventException {
        if (body.length == 0) {
            throw new InvalidEventException("request body is empty; expected a JSON object");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException("request body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("request body must be a JSON object");
        }
        return root;
    }

    private static String requiredString(JsonNode root, String field) throws InvalidEventException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidEventException(field + " is required");
        }
        if (!node.isTextual()) {
            throw new InvalidEventException(field + " must be a string");
        }
        if (node.textValue().isBlank()) {
            throw new InvalidEventException(field + " must not be empty");
        }
        return node.textValue();
    }

    private static String optionalString(JsonNode root, String field) throws InvalidEventException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw new InvalidEventException(field + " must be a string");
        }
        return node.textValue();
    }

    private static Severity status(JsonNode node) throws InvalidEventException {
        if (node == null || node.isNull()) {
            throw new InvalidEventException("event_status is required: one of " + STATUSES);
        }
        Severity status = node.isTextual() ? Severity.parseExact(node.textValue()) : null;
        if (status == null) {
            throw new InvalidEventException("event_status must be exactly one of " + STATUSES + " (got " + node + ")");
        }
        return status;
    }

    private static Map<String, String> labels(JsonNode node) throws InvalidEventException {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidEventException("labels must be an object whose values are strings");
        }
        if (node.size() > MAX_LABELS) {
            throw new InvalidEventException("labels must have at most " + MAX_LABELS + " entries (got " + node.size() + ")");
        }
        Map<String, String> labels = new HashMap<>(node.size() * 2);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw new InvalidEventException("labels." + Text.truncate(field.getKey(), MAX_LABEL_KEY)
                        + " must be a string (labels must be an object whose values are strings)");
            }
            labels.put(Text.truncate(field.getKey(), MAX_LABEL_KEY),
                    Text.truncate(field.getValue().textValue(), MAX_LABEL_VALUE));
        }
        return Labels.sorted(labels);
    }

    /** Seconds; absent means now, and a time in the future is taken as now so it cannot freeze the alert. */
    private static long eventTime(JsonNode node, long now) throws InvalidEventException {
        if (node == null || node.isNull()) {
            return now;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new InvalidEventException("event_time must be a non-negative integer of Unix seconds (got " + node + ")");
        }
        return Math.min(node.longValue(), now);
    }

    private static String alertKey(JsonNode root, Severity status, String titleRule, Map<String, String> labels)
            throws InvalidEventException {
        String given = optionalString(root, "alert_key");
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
    private static List<Image> images(JsonNode node) throws InvalidEventException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
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
