package dev.quell.console;

import dev.quell.engine.EnrichRule;
import dev.quell.engine.PipelineRule;
import dev.quell.engine.Route;
import dev.quell.filter.ConditionSpec;
import dev.quell.filter.Filter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * An integration's alert pipeline steps, label enhancement steps and route in words, so people can read what
 * happens to its events without reading the JSON the Open API takes.
 */
final class IntegrationRuleWords {
    private IntegrationRuleWords() {
    }

    /** What a pipeline step does, and to which events. */
    static String pipelineStep(PipelineRule rule) {
        String does = switch (rule.kind()) {
            case title_reset -> "Set the title to " + quoted(rule.text());
            case description_reset -> "Set the description to " + quoted(rule.text());
            case severity_reset -> "Set the severity to " + rule.severity().name();
            case alert_drop -> "Drop the event";
            case alert_inhibit -> "Drop the event while an active alert of this integration where "
                    + filter(rule.sourceFilters()) + " has the same " + String.join(", ", rule.equals());
        };
        return does + ", for " + events(rule.filter());
    }

    /** What a label enhancement step does, and to which events; {@code tableName} names a mapping table by id. */
    static String enrichmentStep(EnrichRule rule, Function<String, String> tableName) {
        String does = switch (rule.kind()) {
            case extraction -> "Extract from " + rule.sourceField() + " what " + quoted(rule.pattern().text())
                    + " matches into the label " + rule.resultLabel() + kept(rule.override(), "it");
            case composition -> "Write " + quoted(rule.template().text()) + " into the label " + rule.resultLabel()
                    + kept(rule.override(), "it");
            case drop -> "Remove the labels " + String.join(", ", rule.dropLabels());
            case mapping -> "Look the event up in the mapping table " + tableName.apply(rule.schemaId())
                    + " and write " + (rule.mappedLabels().isEmpty() ? "every result label"
                    : "the labels " + String.join(", ", rule.mappedLabels())) + kept(rule.override(), "them");
        };
        return does + ", for " + events(rule.filter());
    }

    private static String kept(boolean override, String label) {
        return override ? " (replacing a value the event already has)" : " (unless the event already has " + label
                + ")";
    }

    /** Each case of a route in words, in order, then where the events no case takes go. */
    static List<String> route(Route route, LongFunction<String> channelName) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < route.cases().size(); i++) {
            Route.Case routeCase = route.cases().get(i);
            lines.add("Case " + (i + 1) + ": " + capitalised(events(routeCase.filter())) + " go to "
                    + channels(routeCase.channelIds(), channelName) + (routeCase.fallthrough()
                    ? "; the cases after it are tried too" : "; no later case is tried"));
        }
        lines.add(route.defaultChannels().isEmpty()
                ? "Events no case takes are refused: the route has no default channels"
                : "Events no case takes go to " + channels(route.defaultChannels(), channelName));
        return lines;
    }

    private static String channels(List<Long> ids, LongFunction<String> channelName) {
        return ids.stream().map(channelName::apply).collect(Collectors.joining(", "));
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The conditions as a phrase: every event, or the events where they hold. */
    static String events(Filter filter) {
        return filter.isEmpty() ? "every event" : "events where " + filter(filter);
    }

    /** An OR of AND groups: {@code severity is Critical and labels.env is "prod", or title is "x"}. */
    static String filter(Filter filter) {
        List<List<ConditionSpec>> groups = filter.specs();
        return groups.stream()
                .map(group -> group.stream().map(IntegrationRuleWords::condition).collect(Collectors.joining(" and ")))
                .collect(Collectors.joining(groups.size() > 1 ? "; or " : ""));
    }

    private static String condition(ConditionSpec spec) {
        boolean negated = "NOTIN".equals(spec.oper());
        String values = spec.vals().stream().map(IntegrationRuleWords::quoted).collect(Collectors.joining(", "));
        if (spec.vals().size() == 1) {
            return spec.key() + (negated ? " is not " : " is ") + values;
        }
        return spec.key() + (negated ? " is none of " : " is one of ") + values;
    }

    static String quoted(String text) {
        return "\u201c" + text + "\u201d";
    }
}
