package dev.quell.template;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an event's title from its {@code title_rule}. Two forms:
 * <ul>
 *   <li>Simple: parts split on {@code ::}, each either literal text or {@code $label}, joined with
 *       {@code " / "}. A missing label stays as written ({@code $check}).</li>
 *   <li>{@code [TPL]} templates: {@code ${label}} reads a label ({@code <no value>} when missing), and
 *       {@code {{ .Field }}} / {@code {{ .Labels.x }}} / {@code {{ index .Labels "x" }}} read the event's named
 *       fields (empty when missing).</li>
 * </ul>
 * A rule that cannot be rendered never rejects the event: the raw rule text becomes the title.
 */
public final class TitleRule {
    public static final String TEMPLATE_PREFIX = "[TPL]";
    private static final String MISSING_LABEL = "<no value>";
    private static final String LABEL_FIELD_PREFIX = ".Labels.";
    private static final Pattern INDEXED_LABEL = Pattern.compile("index\\s+\\.Labels\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");

    private TitleRule() {
    }

    /** The fields a {@code {{ .Field }}} template can read, besides labels. */
    public record Fields(String title, String description, String eventSeverity, String eventStatus,
                         String alertKey, String titleRule, String integrationType, String integrationName) {
        String named(String name) {
            switch (name) {
                case "Title": return title;
                case "Description": return description;
                case "EventSeverity": return eventSeverity;
                case "EventStatus": return eventStatus;
                case "AlertKey": return alertKey;
                case "TitleRule": return titleRule;
                case "IntegrationType": return integrationType;
                case "IntegrationName": return integrationName;
                default: return null;
            }
        }
    }

    public static String render(String rule, Map<String, String> labels, Fields fields) {
        if (rule.startsWith(TEMPLATE_PREFIX)) {
            try {
                return renderTemplate(rule.substring(TEMPLATE_PREFIX.length()), labels, fields);
            } catch (UnrenderableRule e) {
                return rule;
            }
        }
        return renderSimple(rule, labels);
    }

    private static String renderSimple(String rule, Map<String, String> labels) {
        if (!rule.contains("$")) {
            return rule.replace("::", " / ");
        }
        StringBuilder title = new StringBuilder(rule.length() + 32);
        int start = 0;
        while (true) {
            int end = rule.indexOf("::", start);
            String part = end < 0 ? rule.substring(start) : rule.substring(start, end);
            String value = part.startsWith("$") ? labels.get(part.substring(1)) : null;
            title.append(value != null ? value : part);
            if (end < 0) {
                return title.toString();
            }
            title.append(" / ");
            start = end + 2;
        }
    }

    private static String renderTemplate(String template, Map<String, String> labels, Fields fields) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int at = 0;
        while (at < template.length()) {
            int label = template.indexOf("${", at);
            int action = template.indexOf("{{", at);
            int next = label < 0 ? action : action < 0 ? label : Math.min(label, action);
            if (next < 0) {
                out.append(template, at, template.length());
                break;
            }
            out.append(template, at, next);
            if (next == label) {
                int close = template.indexOf('}', next + 2);
                if (close < 0) {
                    throw new UnrenderableRule();
                }
                out.append(labels.getOrDefault(template.substring(next + 2, close), MISSING_LABEL));
                at = close + 1;
            } else {
                int close = template.indexOf("}}", next + 2);
                if (close < 0) {
                    throw new UnrenderableRule();
                }
                out.append(evaluateAction(template.substring(next + 2, close).trim(), labels, fields));
                at = close + 2;
            }
        }
        return out.toString();
    }

    /**
     * What an action renders as. The common {@code .Labels.x} and {@code .Field} forms are recognised by hand: a
     * template is rendered at every event it applies to, and {@code java.util.regex} cost more than the rest of the
     * rendering together.
     */
    private static String evaluateAction(String action, Map<String, String> labels, Fields fields) {
        if (action.startsWith(LABEL_FIELD_PREFIX) && isName(action, LABEL_FIELD_PREFIX.length(), true)) {
            return labels.getOrDefault(action.substring(LABEL_FIELD_PREFIX.length()), "");
        }
        if (action.startsWith(".") && isName(action, 1, false)) {
            String value = fields.named(action.substring(1));
            if (value == null) {
                throw new UnrenderableRule();
            }
            return value;
        }
        Matcher indexed = INDEXED_LABEL.matcher(action);
        if (indexed.matches()) {
            return labels.getOrDefault(indexed.group(1).replace("\\\"", "\"").replace("\\\\", "\\"), "");
        }
        throw new UnrenderableRule();
    }

    /**
     * Whether {@code text} from {@code from} to its end is a name: an ASCII letter, then ASCII letters and digits;
     * {@code underscores} allows them anywhere, as label names do.
     */
    private static boolean isName(String text, int from, boolean underscores) {
        if (from >= text.length()) {
            return false;
        }
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || underscores && c == '_'
                    || i > from && c >= '0' && c <= '9';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Thrown inside rendering only, to fall back to the raw rule. */
    private static final class UnrenderableRule extends RuntimeException {
        UnrenderableRule() {
            super(null, null, false, false);
        }
    }
}
