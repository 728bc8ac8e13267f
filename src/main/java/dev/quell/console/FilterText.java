package dev.quell.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.quell.filter.ConditionSpec;
import dev.quell.store.ChannelSettingsJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Filter conditions as people write them in a textarea, one condition per line:
 * <pre>
 * labels.service IN api, web
 * severity NOTIN Info
 * or
 * title IN /disk (full|failing)/
 * </pre>
 * Lines are ANDed; a line holding only {@code or} starts another group, and the groups are ORed (the API's
 * OR-of-AND filters). Values are separated by commas and trimmed, so an exact value cannot hold a comma or begin or
 * end with a space; a {@code /regex/} value keeps its commas. Text starting with {@code [} is taken as the API's JSON
 * filters instead, for whatever the lines cannot say. Only the shape is checked here; keys, operators and values
 * are the API's to judge, so its messages name what is wrong.
 */
public final class FilterText {
    private static final Pattern CONDITION = Pattern.compile("(\\S+)\\s+(\\S+)\\s+(.*)");
    /** Where a {@code /regex/} value ends: a slash followed by a comma or the end of the line. */
    private static final Pattern REGEX_END = Pattern.compile("/\\s*(,|$)");
    /** Text after the JSON is refused rather than silently ignored. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private FilterText() {
    }

    /**
     * The API's filters JSON for {@code text}; an empty text gives an empty array. Throws
     * {@link IllegalArgumentException} naming {@code field} and the line when the text has no readable shape.
     */
    public static ArrayNode parse(String text, String field) {
        String trimmed = text.strip();
        if (trimmed.startsWith("[")) {
            return json(trimmed, field);
        }
        return ChannelSettingsJson.filterJson(specs(trimmed, field));
    }

    /** The conditions as lines {@link #parse} reads back to the same conditions, or as JSON when lines cannot. */
    public static String format(List<List<ConditionSpec>> groups) {
        String lines = groups.stream().map(group -> group.stream()
                        .map(c -> c.key() + " " + c.oper() + " " + String.join(", ", c.vals()))
                        .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\nor\n"));
        try {
            if (specs(lines, "filters").equals(groups)) {
                return lines;
            }
        } catch (IllegalArgumentException unreadable) {
            // falls through to JSON, which says everything
        }
        return ChannelSettingsJson.filterJson(groups).toPrettyString();
    }

    /** The conditions in words, for lists: {@code labels.service is one of api, web and severity is not Info}. */
    public static String words(List<List<ConditionSpec>> groups) {
        if (groups.isEmpty()) {
            return "every event";
        }
        return groups.stream().map(group -> group.stream().map(FilterText::words)
                        .collect(Collectors.joining(" and ")))
                .collect(Collectors.joining("; or "));
    }

    /** {@link #words} of the API's filters JSON, as the rule list operations answer them. */
    public static String words(JsonNode filters, String field) {
        return words(ChannelSettingsJson.filterSpecs(filters, field));
    }

    private static String words(ConditionSpec condition) {
        boolean notIn = "NOTIN".equals(condition.oper());
        String values = String.join(", ", condition.vals());
        if (condition.vals().size() == 1) {
            return condition.key() + (notIn ? " is not " : " is ") + values;
        }
        return condition.key() + (notIn ? " is none of " : " is one of ") + values;
    }

    private static List<List<ConditionSpec>> specs(String text, String field) {
        List<List<ConditionSpec>> groups = new ArrayList<>();
        List<ConditionSpec> group = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            String at = field + " line " + (n + 1);
            if (line.isEmpty()) {
                continue;
            }
            if (line.equalsIgnoreCase("or")) {
                if (group.isEmpty()) {
                    throw new IllegalArgumentException(at + ": \"or\" must come between conditions");
                }
                groups.add(group);
                group = new ArrayList<>();
                continue;
            }
            Matcher condition = CONDITION.matcher(line);
            if (!condition.matches()) {
                throw new IllegalArgumentException(at + ": write a condition as <key> IN <values> or "
                        + "<key> NOTIN <values>, e.g. labels.service IN api, web (got \"" + line + "\")");
            }
            String oper = condition.group(2).toUpperCase(Locale.ROOT);
            if (!oper.equals("IN") && !oper.equals("NOTIN")) {
                throw new IllegalArgumentException(at + ": the operator must be IN or NOTIN (got \""
                        + condition.group(2) + "\")");
            }
            group.add(new ConditionSpec(condition.group(1), oper, values(condition.group(3), at)));
        }
        if (!group.isEmpty()) {
            groups.add(group);
        } else if (!groups.isEmpty()) {
            throw new IllegalArgumentException(field + ": \"or\" must come between conditions, not at the end");
        }
        return groups;
    }

    /** Comma-separated values, each trimmed; a value starting with {@code /} runs to its closing {@code /}. */
    private static List<String> values(String text, String at) {
        List<String> values = new ArrayList<>();
        int from = 0;
        while (from <= text.length()) {
            int start = from;
            while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            int end;
            int next;
            Matcher regexEnd = REGEX_END.matcher(text).region(Math.min(start + 1, text.length()), text.length());
            if (start < text.length() && text.charAt(start) == '/' && regexEnd.find()) {
                end = regexEnd.start() + 1;
                next = regexEnd.end();
            } else {
                int comma = text.indexOf(',', start);
                end = comma < 0 ? text.length() : comma;
                next = end + 1;
            }
            String value = text.substring(start, end).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(at + ": a value is empty (two commas in a row, or one at the "
                        + "end?)");
            }
            values.add(value);
            if (next > text.length() || next == end) {
                break;
            }
            from = next;
        }
        return values;
    }

    private static ArrayNode json(String text, String field) {
        try {
            JsonNode node = JSON.readTree(text);
            if (!(node instanceof ArrayNode array)) {
                throw new IllegalArgumentException(field + ": JSON filters must be an array of AND groups");
            }
            return array;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(field + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
