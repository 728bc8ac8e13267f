package dev.quell.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quell.engine.AlertPipeline;
import dev.quell.engine.PipelineRule;
import dev.quell.engine.Severity;
import dev.quell.filter.Filter;
import dev.quell.filter.InvalidFilter;

import java.util.ArrayList;
import java.util.List;

/**
 * An alert pipeline's {@code rules} in the Open API's shape, {@code [{kind, if, settings}]}: read from requests
 * (validated, errors naming the field, e.g. {@code rules[2].settings.severity}) and from the store, and written back.
 */
public final class PipelineJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_TEXT = 2048;

    private PipelineJson() {
    }

    public static List<PipelineRule> rules(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("rules is required: an array of pipeline steps");
        }
        if (node.size() > AlertPipeline.MAX_RULES) {
            throw new IllegalArgumentException("rules holds at most " + AlertPipeline.MAX_RULES + " steps (got "
                    + node.size() + ")");
        }
        List<PipelineRule> rules = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            rules.add(rule(node.get(i), "rules[" + i + "]"));
        }
        return rules;
    }

    private static PipelineRule rule(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + " must be an object {kind, if, settings}");
        }
        PipelineRule.Kind kind;
        try {
            kind = PipelineRule.Kind.valueOf(node.path("kind").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ".kind must be title_reset, description_reset, severity_reset, "
                    + "alert_drop or alert_inhibit (got " + node.get("kind") + ")");
        }
        Filter filter = filter(node.get("if"), field + ".if");
        JsonNode settings = node.path("settings");
        String settingsField = field + ".settings";
        return switch (kind) {
            case title_reset -> new PipelineRule(kind, filter, text(settings, "title", settingsField), null,
                    Filter.MATCH_ALL, List.of());
            case description_reset -> new PipelineRule(kind, filter, text(settings, "description", settingsField),
                    null, Filter.MATCH_ALL, List.of());
            case severity_reset -> new PipelineRule(kind, filter, "", severity(settings, settingsField),
                    Filter.MATCH_ALL, List.of());
            case alert_drop -> new PipelineRule(kind, filter, "", null, Filter.MATCH_ALL, List.of());
            case alert_inhibit -> inhibit(kind, filter, settings, settingsField);
        };
    }

    private static PipelineRule inhibit(PipelineRule.Kind kind, Filter filter, JsonNode settings, String field) {
        Filter sources = filter(settings.get("source_filters"), field + ".source_filters");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(field + ".source_filters is required: the alerts that inhibit");
        }
        JsonNode equals = settings.get("equals");
        List<String> fields = new ArrayList<>();
        if (equals != null && equals.isArray()) {
            equals.forEach(value -> fields.add(value.asText()));
        }
        if (fields.isEmpty() || fields.stream().anyMatch(name -> !name.equals("title") && !name.equals("description")
                && !name.equals("severity") && !(name.startsWith("labels.") && name.length() > 7))) {
            throw new IllegalArgumentException(field + ".equals is required: fields (title, description, severity, "
                    + "labels.<name>) the source and the alert share");
        }
        return new PipelineRule(kind, filter, "", null, sources, fields);
    }

    private static Filter filter(JsonNode node, String field) {
        try {
            return Filter.compile(ChannelSettingsJson.filterSpecs(node, field));
        } catch (InvalidFilter e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode settings, String name, String field) {
        JsonNode node = settings.get(name);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException(field + "." + name + " is required: the new " + name
                    + " (text, $a::$b or a [TPL] template)");
        }
        if (node.asText().codePointCount(0, node.asText().length()) > MAX_TEXT) {
            throw new IllegalArgumentException(field + "." + name + " must be at most " + MAX_TEXT + " characters");
        }
        return node.asText();
    }

    private static Severity severity(JsonNode settings, String field) {
        String value = settings.path("severity").asText("");
        return switch (value) {
            case "Critical" -> Severity.Critical;
            case "Warning" -> Severity.Warning;
            case "Info" -> Severity.Info;
            default -> throw new IllegalArgumentException(field + ".severity must be Critical, Warning or Info (got "
                    + settings.get("severity") + ")");
        };
    }

    public static ArrayNode toJson(List<PipelineRule> rules) {
        ArrayNode out = NODES.arrayNode();
        for (PipelineRule rule : rules) {
            ObjectNode item = out.addObject();
            item.put("kind", rule.kind().name());
            item.set("if", ChannelSettingsJson.filterJson(rule.filter().specs()));
            ObjectNode settings = item.putObject("settings");
            switch (rule.kind()) {
                case title_reset -> settings.put("title", rule.text());
                case description_reset -> settings.put("description", rule.text());
                case severity_reset -> settings.put("severity", rule.severity().name());
                case alert_drop -> { }
                case alert_inhibit -> {
                    settings.set("source_filters", ChannelSettingsJson.filterJson(rule.sourceFilters().specs()));
                    ArrayNode equals = settings.putArray("equals");
                    rule.equals().forEach(equals::add);
                }
            }
        }
        return out;
    }
}
