package dev.quell.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.PatternSyntaxException;
import dev.quell.engine.CompositionTemplate;
import dev.quell.engine.EnrichRule;
import dev.quell.filter.ConditionSpec;
import dev.quell.filter.Expression;
import dev.quell.filter.Filter;
import dev.quell.filter.InvalidFilter;

import java.util.ArrayList;
import java.util.List;

/**
 * Label-enhancement rules in the Open API's shape, {@code [{kind, if, settings}]} where {@code if} is a list of
 * conditions that must all hold: read from requests (validated, errors naming the field) and from the store.
 */
public final class EnrichmentJson {
    public static final int MAX_RULES = 50;
    private static final int MAX_TEMPLATE = 500;
    private static final String LABEL_NAME = "[a-z][a-z0-9_]{0,62}";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EnrichmentJson() {
    }

    public static List<EnrichRule> rules(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("rules is required: an array of enrichment steps");
        }
        if (node.size() > MAX_RULES) {
            throw new IllegalArgumentException("rules holds at most " + MAX_RULES + " steps (got " + node.size() + ")");
        }
        List<EnrichRule> rules = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            rules.add(rule(node.get(i), "rules[" + i + "]"));
        }
        return rules;
    }

    private static EnrichRule rule(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + " must be an object {kind, if, settings}");
        }
        String kind = node.path("kind").asText("");
        Filter filter = condition(node.get("if"), field + ".if");
        JsonNode settings = node.path("settings");
        String at = field + ".settings";
        boolean override = settings.path("override").asBoolean(false);
        return switch (kind) {
            case "extraction" -> {
                if (settings.hasNonNull("g_json")) {
                    throw new IllegalArgumentException(at + ".g_json is not supported; use pattern (RE2)");
                }
                String source = settings.path("source_field").asText("");
                if (!source.equals("title") && !source.equals("description")
                        && !(source.startsWith("labels.") && source.length() > 7)) {
                    throw new IllegalArgumentException(at + ".source_field must be title, description or labels.<name>"
                            + " (got \"" + source + "\")");
                }
                yield new EnrichRule(EnrichRule.Kind.extraction, filter, source, pattern(settings, at), null,
                        resultLabel(settings, at), List.of(), "", List.of(), override);
            }
            case "composition" -> {
                String template = settings.path("template").asText("");
                if (template.isEmpty() || template.length() > MAX_TEMPLATE) {
                    throw new IllegalArgumentException(at + ".template is required, at most " + MAX_TEMPLATE
                            + " characters, e.g. {{.labels.region}}-{{.labels.env}}");
                }
                yield new EnrichRule(EnrichRule.Kind.composition, filter, "", null,
                        CompositionTemplate.parse(template), resultLabel(settings, at), List.of(), "", List.of(),
                        override);
            }
            case "drop" -> {
                List<String> labels = new ArrayList<>();
                settings.path("drop_labels").forEach(label -> labels.add(label.asText()));
                if (labels.isEmpty()) {
                    throw new IllegalArgumentException(at + ".drop_labels is required: the label keys to remove");
                }
                yield new EnrichRule(EnrichRule.Kind.drop, filter, "", null, null, "", labels, "", List.of(), false);
            }
            case "mapping" -> {
                String type = settings.path("mapping_type").asText("schema");
                if (!type.equals("schema")) {
                    throw new IllegalArgumentException(at + ".mapping_type must be schema: mapping through an "
                            + "external API is not supported");
                }
                String schemaId = settings.path("schema_id").asText("");
                if (!schemaId.matches("[0-9a-fA-F]{24}")) {
                    throw new IllegalArgumentException(at + ".schema_id must be a mapping table's 24-hex-digit id");
                }
                List<String> results = new ArrayList<>();
                settings.path("result_labels").forEach(label -> results.add(label.asText()));
                yield new EnrichRule(EnrichRule.Kind.mapping, filter, "", null, null, "", List.of(), schemaId, results,
                        override);
            }
            default -> throw new IllegalArgumentException(field + ".kind must be extraction, composition, mapping or "
                    + "drop (got " + node.get("kind") + ")");
        };
    }

    private static Expression pattern(JsonNode settings, String at) {
        String pattern = settings.path("pattern").asText("");
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException(at + ".pattern is required: an RE2 expression, (?P<result>...) to pick "
                    + "a part");
        }
        try {
            return Expression.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(at + ".pattern is not a valid RE2 expression: " + e.getMessage());
        }
    }

    private static String resultLabel(JsonNode settings, String at) {
        String label = settings.path("result_label").asText("");
        if (!label.matches(LABEL_NAME)) {
            throw new IllegalArgumentException(at + ".result_label must match " + LABEL_NAME + " (got \"" + label
                    + "\")");
        }
        return label;
    }

    /** {@code if}: conditions that must all hold, as one AND group of the shared filter conditions. */
    private static Filter condition(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isArray() && node.isEmpty()) {
            return Filter.MATCH_ALL;
        }
        ArrayNode group = NODES.arrayNode();
        group.add(node);
        try {
            List<List<ConditionSpec>> specs = ChannelSettingsJson.filterSpecs(group, field);
            return Filter.compile(specs);
        } catch (InvalidFilter e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }

    public static ArrayNode toJson(List<EnrichRule> rules) {
        ArrayNode out = NODES.arrayNode();
        for (EnrichRule rule : rules) {
            ObjectNode item = out.addObject();
            item.put("kind", rule.kind().name());
            ArrayNode conditions = ChannelSettingsJson.filterJson(rule.filter().specs());
            item.set("if", conditions.isEmpty() ? NODES.arrayNode() : conditions.get(0));
            ObjectNode settings = item.putObject("settings");
            switch (rule.kind()) {
                case extraction -> {
                    settings.put("source_field", rule.sourceField());
                    settings.put("pattern", rule.pattern().text());
                    settings.put("result_label", rule.resultLabel());
                    settings.put("override", rule.override());
                }
                case composition -> {
                    settings.put("template", rule.template().text());
                    settings.put("result_label", rule.resultLabel());
                    settings.put("override", rule.override());
                }
                case drop -> {
                    ArrayNode labels = settings.putArray("drop_labels");
                    rule.dropLabels().forEach(labels::add);
                }
                case mapping -> {
                    settings.put("mapping_type", "schema");
                    settings.put("schema_id", rule.schemaId());
                    ArrayNode labels = settings.putArray("result_labels");
                    rule.mappedLabels().forEach(labels::add);
                    settings.put("override", rule.override());
                }
            }
        }
        return out;
    }
}
