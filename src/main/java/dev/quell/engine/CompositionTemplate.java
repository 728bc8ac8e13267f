package dev.quell.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A composition step's template ({@code {{.title}}}, {@code {{.description}}}, {@code {{.labels.key}}} among plain
 * text), read into its parts once, when the step is built: rendering then appends the parts instead of searching the
 * template for braces at every event. A name it does not know renders as nothing and an unclosed {@code {{} stays
 * as written. Two templates are equal when their texts are.
 */
public final class CompositionTemplate {
    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";
    private static final String LABEL_NAME_PREFIX = ".labels.";

    private final String text;
    private final List<Part> parts;

    /** One piece of the rendered text: plain text, or a field of the event as the earlier steps left it. */
    private interface Part {
        /** The part's text, or null when the field it names is absent. */
        String valueIn(AlertEvent event, Map<String, String> labels);
    }

    private CompositionTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    public static CompositionTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf(OPEN, at);
            int close = open < 0 ? -1 : text.indexOf(CLOSE, open);
            if (close < 0) {
                literal.append(text, at, text.length());
                break;
            }
            literal.append(text, at, open);
            Part field = field(text.substring(open + OPEN.length(), close).trim());
            // An unknown name renders as nothing, so the text around it is one literal.
            if (field != null) {
                addLiteral(parts, literal);
                parts.add(field);
            }
            at = close + CLOSE.length();
        }
        addLiteral(parts, literal);
        return new CompositionTemplate(text, List.copyOf(parts));
    }

    /** Adds the pending literal text as a part, if any, and empties it. */
    private static void addLiteral(List<Part> parts, StringBuilder literal) {
        if (literal.length() > 0) {
            String plain = literal.toString();
            parts.add((event, labels) -> plain);
            literal.setLength(0);
        }
    }

    /** The part a {@code {{name}}} reads, or null for a name the template language does not have. */
    private static Part field(String name) {
        if (name.equals(".title")) {
            return (event, labels) -> event.title();
        }
        if (name.equals(".description")) {
            return (event, labels) -> event.description();
        }
        if (name.startsWith(LABEL_NAME_PREFIX)) {
            String label = name.substring(LABEL_NAME_PREFIX.length());
            return (event, labels) -> labels.get(label);
        }
        return null;
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    /** The template over the event's title and description and {@code labels}; an absent field renders empty. */
    String render(AlertEvent event, Map<String, String> labels) {
        // The values are usually about as long as the names they replace.
        StringBuilder out = new StringBuilder(text.length());
        for (Part part : parts) {
            String value = part.valueIn(event, labels);
            if (value != null) {
                out.append(value);
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CompositionTemplate template && template.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
