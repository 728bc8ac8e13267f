package dev.quell.engine;

import dev.quell.filter.Filter;
import dev.quell.template.TitleRule;

import java.util.List;

/**
 * One step of an integration's alert pipeline, applied to trigger events whose current state its {@code filter}
 * matches (an empty filter matches all). {@code text} is the new title or description (a title rule: plain text,
 * {@code $a::$b}, or a {@code [TPL]} template over the event); {@code severity} the new severity; an inhibit step
 * drops the event while an active alert of the integration that {@code sourceFilters} match shares the values of
 * {@code equals} with it (as a channel's inhibit rule does).
 */
public record PipelineRule(Kind kind, Filter filter, String text, Severity severity, Filter sourceFilters,
                           List<String> equals) {

    public enum Kind { title_reset, description_reset, severity_reset, alert_drop, alert_inhibit }

    public PipelineRule {
        equals = List.copyOf(equals);
    }

    boolean appliesTo(AlertEvent event) {
        return filter.matches(event);
    }

    /** The event after a title, description or severity reset, the step named {@code stepId} in its rewrites. */
    AlertEvent rewrite(AlertEvent event, String integrationName, String stepId) {
        String step = stepId + " " + kind.name();
        return switch (kind) {
            case title_reset -> event.withTitle(step,
                    TitleRule.render(text, event.labels(), fields(event, integrationName)));
            case description_reset -> event.withDescription(step,
                    TitleRule.render(text, event.labels(), fields(event, integrationName)));
            case severity_reset -> event.withStatus(step, severity);
            case alert_drop, alert_inhibit -> event;
        };
    }

    private static TitleRule.Fields fields(AlertEvent event, String integrationName) {
        return new TitleRule.Fields(event.title(), event.description(), event.status().name(), event.status().name(),
                event.alertKey(), event.titleRule(), "standard", integrationName);
    }

    /** The pipeline step as an inhibit rule of the integration, so the inhibit index can serve it. */
    InhibitRule asInhibitRule(long integrationId, int step) {
        return new InhibitRule(AlertPipeline.stepId(integrationId, step), 0, step, "pipeline step " + step, "",
                sourceFilters, filter, equals, true, ChannelRule.ENABLED, 0, 0);
    }
}
