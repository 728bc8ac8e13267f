package dev.quell.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quell.engine.Image;
import dev.quell.engine.Labels;

import java.util.List;
import java.util.Map;

/** How labels and images are kept in a text column. */
public final class Json {
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() { };
    private static final TypeReference<List<Image>> IMAGES = new TypeReference<>() { };
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final ObjectMapper mapper;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Labels as a JSON object, written by hand: this runs for every stored alert, incident and event on the
     * writer thread, where a general serializer costs several times more.
     */
    public static String writeLabels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "{}";
        }
        StringBuilder out = new StringBuilder(labels.size() * 40);
        out.append('{');
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, label.getKey());
            out.append(':');
            quote(out, label.getValue());
        }
        return out.append('}').toString();
    }

    /**
     * Appends {@code text} as a JSON string. The runs between characters that need escaping are copied whole:
     * label texts rarely hold any, and copying them a character at a time was the writer's busiest Java method
     * when every event opened an alert with 25 labels.
     */
    private static void quote(StringBuilder out, String text) {
        out.append('"');
        int plainFrom = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                out.append(text, plainFrom, i);
                if (c < 0x20) {
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                } else {
                    out.append('\\').append(c);
                }
                plainFrom = i + 1;
            }
        }
        if (plainFrom == 0) {
            out.append(text); // one array copy; the ranged append may go a character at a time
        } else {
            out.append(text, plainFrom, text.length());
        }
        out.append('"');
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels and images are always serialisable", e);
        }
    }

    public Map<String, String> labels(String text) {
        try {
            return Labels.sorted(mapper.readValue(text, LABELS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored labels are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public List<Image> images(String text) {
        if ("[]".equals(text)) {
            return List.of();
        }
        try {
            return List.copyOf(mapper.readValue(text, IMAGES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored images are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Stored settings (a channel's group or flapping object) as a tree. */
    public com.fasterxml.jackson.databind.JsonNode tree(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings are not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
