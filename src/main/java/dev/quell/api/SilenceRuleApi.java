package dev.quell.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quell.engine.ChannelRule;
import dev.quell.engine.Incident;
import dev.quell.engine.SilenceRule;
import dev.quell.engine.SilenceWindow;
import dev.quell.filter.ConditionSpec;
import dev.quell.filter.Filter;
import dev.quell.filter.InvalidFilter;
import dev.quell.http.ApiError;
import dev.quell.shard.ShardWriter;
import dev.quell.store.Catalog;
import dev.quell.store.ChannelSettingsJson;
import dev.quell.store.SilenceWindowJson;
import dev.quell.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code /channel/silence/rule/*} and {@code /incident/quick-silence}: a channel's silence rules. Each change is
 * stored, then handed to the shard writer with the channel's other rules, so the next event already sees it.
 */
final class SilenceRuleApi extends RuleApi<SilenceRule> {
    private static final Logger log = LoggerFactory.getLogger(SilenceRuleApi.class);
    private static final String WHAT = "events to silence";
    /** Quick silence durations, as Flashduty's console offers them. */
    private static final Map<String, Long> QUICK_DURATIONS = Map.of("30m", 1800L, "1h", 3600L, "1d", 86_400L,
            "1w", 604_800L);
    /** Labels a quick silence leaves out of its conditions: values that change between alerts of one problem. */
    private static final int MAX_QUICK_LABEL_VALUE = 64;

    private final Store store;

    SilenceRuleApi(Catalog catalog, Store store, ShardWriter writer, LongSupplier clock) {
        super(catalog, writer, clock, SilenceRule.class, "a silence rule");
        this.store = store;
    }

    @Override
    Object create(Params p) {
        long channelId = RuleFields.channel(catalog, p);
        long now = clock.getAsLong();
        String fromIncident = p.optionalString("from_incident_id");
        if (fromIncident != null && !fromIncident.isEmpty()) {
            Params.requireObjectId("from_incident_id", fromIncident);
        }
        SilenceRule rule = new SilenceRule(ids.nextId(now), channelId, RuleFields.priority(p, 0), RuleFields.name(p),
                RuleFields.description(p, ""), RuleFields.filters(p, "filters", WHAT), window(p), RuleFields.discard(p, false),
                ChannelRule.ENABLED, fromIncident == null ? "" : fromIncident, now, now);
        save(rule);
        return Map.of("rule_id", rule.ruleId(), "rule_name", rule.ruleName());
    }

    /** Name as given; the other fields keep their values when left out (a window is replaced as a whole). */
    @Override
    Object update(Params p) {
        SilenceRule current = existing(p);
        boolean newWindow = p.has("time_filter") || p.has("time_filters");
        save(new SilenceRule(current.ruleId(), current.channelId(), RuleFields.priority(p, current.priority()),
                RuleFields.name(p), RuleFields.description(p, current.description()),
                p.has("filters") ? RuleFields.filters(p, "filters", WHAT) : current.filters(),
                newWindow ? window(p) : current.window(), RuleFields.discard(p, current.discard()), current.status(),
                current.fromIncidentId(), current.createdAt(), clock.getAsLong()));
        return Map.of();
    }

    /**
     * {@code /incident/quick-silence}: silences what looks like the incident for a while ({@code duration} 30m, 1h,
     * 1d or 1w; default 1d): its severity and its labels, leaving out numbers and long values, which differ between
     * alerts of one problem. Repeating it on the same incident edits the same rule; the rule is deleted once it
     * has expired. What it silences is kept and marked, so it stays visible.
     */
    Object quickSilence(Params p) {
        String incidentId = p.requiredString("incident_id");
        Params.requireObjectId("incident_id", incidentId);
        Incident incident = store.incident(incidentId)
                .orElseThrow(() -> ApiError.invalid("incident_id " + incidentId + " does not exist"));
        if (catalog.channel(incident.channelId()).isEmpty()) {
            throw ApiError.invalid("incident " + incidentId + " belongs to no channel; only a channel's incidents "
                    + "can be silenced");
        }
        String duration = p.optionalString("duration");
        duration = duration == null ? "1d" : duration;
        Long seconds = QUICK_DURATIONS.get(duration);
        if (seconds == null) {
            throw ApiError.invalid("duration must be 30m, 1h, 1d or 1w (got \"" + duration + "\")");
        }
        long now = clock.getAsLong();
        SilenceWindow window = new SilenceWindow.Once(now, now + seconds);
        String title = incident.title();
        String description = ("Made from incident #" + incident.num() + ": " + title);
        description = description.codePointCount(0, description.length()) > 500
                ? description.substring(0, description.offsetByCodePoints(0, 500)) : description;
        SilenceRule existing = catalog.rules(incident.channelId(), SilenceRule.class).stream()
                .filter(rule -> rule.fromIncidentId().equals(incidentId)).findFirst().orElse(null);
        SilenceRule rule = new SilenceRule(existing != null ? existing.ruleId() : ids.nextId(now),
                incident.channelId(), 0, "Quick Silence - #" + incident.num(), description,
                quickFilter(incident), window, false, ChannelRule.ENABLED, incidentId,
                existing != null ? existing.createdAt() : now, now);
        save(rule);
        log.info("quick silence {} for incident {} until {}", rule.ruleId(), incidentId, now + seconds);
        return Map.of("rule_id", rule.ruleId(), "rule_name", rule.ruleName(), "end_time", now + seconds);
    }

    private static Filter quickFilter(Incident incident) {
        List<ConditionSpec> conditions = new ArrayList<>();
        conditions.add(new ConditionSpec("severity", "IN", List.of(incident.severity().name())));
        incident.labels().forEach((key, value) -> {
            boolean telling = !value.isEmpty() && value.length() <= MAX_QUICK_LABEL_VALUE
                    && !value.matches("[-+]?[0-9.]+") && key.matches("[A-Za-z0-9_.\\-]+");
            if (telling) {
                conditions.add(new ConditionSpec("labels." + key, "IN", List.of(value)));
            }
        });
        try {
            return Filter.compile(List.of(conditions));
        } catch (InvalidFilter e) {
            throw new IllegalStateException("a quick silence's exact-value conditions always compile", e);
        }
    }

    /** Deletes the quick silences whose window has passed; runs every minute. */
    void sweepExpiredQuickSilences() {
        long now = clock.getAsLong();
        for (SilenceRule rule : catalog.rules(SilenceRule.class)) {
            if (!rule.fromIncidentId().isEmpty() && rule.window() instanceof SilenceWindow.Once once
                    && once.end() <= now) {
                try {
                    delete(rule);
                    log.info("quick silence {} expired and was removed", rule.ruleId());
                } catch (RuntimeException e) {
                    log.warn("could not remove expired quick silence {}; the next sweep retries", rule.ruleId(), e);
                }
            }
        }
    }

    @Override
    void describe(SilenceRule rule, Map<String, Object> out, long now) {
        out.put("description", rule.description());
        out.put("from_incident_id", rule.fromIncidentId());
        ObjectNode window = SilenceWindowJson.toJson(rule.window());
        window.fields().forEachRemaining(field -> out.put(field.getKey(), field.getValue()));
        out.put("filters", ChannelSettingsJson.filterJson(rule.filters().specs()));
        out.put("is_directly_discard", rule.discard());
        out.put("is_effective", rule.isEnabled() && rule.window().covers(now));
        out.put("updated_at", rule.updatedAt());
    }

    private static SilenceWindow window(Params p) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (String name : List.of("time_filter", "time_filters", "time_zone")) {
            if (p.has(name)) {
                fields.set(name, p.raw(name));
            }
        }
        try {
            return SilenceWindowJson.read(fields);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
    }
}
