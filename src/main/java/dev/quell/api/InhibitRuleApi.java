package dev.quell.api;

import dev.quell.engine.ChannelRule;
import dev.quell.engine.InhibitRule;
import dev.quell.http.ApiError;
import dev.quell.shard.ShardWriter;
import dev.quell.store.Catalog;
import dev.quell.store.ChannelSettingsJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code /channel/inhibit/rule/*}: a channel's inhibit rules. Each change is stored, then handed to the shard writer
 * with the channel's other rules, so the next event already sees it.
 */
final class InhibitRuleApi extends RuleApi<InhibitRule> {
    private static final int MAX_EQUALS = 10;

    InhibitRuleApi(Catalog catalog, ShardWriter writer, LongSupplier clock) {
        super(catalog, writer, clock, InhibitRule.class, "an inhibit rule");
    }

    @Override
    Object create(Params p) {
        long channelId = RuleFields.channel(catalog, p);
        long now = clock.getAsLong();
        InhibitRule rule = new InhibitRule(ids.nextId(now), channelId, RuleFields.priority(p, 0), RuleFields.name(p),
                RuleFields.description(p, ""), sources(p), targets(p), equals(p), RuleFields.discard(p, false),
                ChannelRule.ENABLED, now, now);
        save(rule);
        return Map.of("rule_id", rule.ruleId(), "rule_name", rule.ruleName());
    }

    /** Name as given; the other fields keep their values when left out. */
    @Override
    Object update(Params p) {
        InhibitRule current = existing(p);
        save(new InhibitRule(current.ruleId(), current.channelId(), RuleFields.priority(p, current.priority()),
                RuleFields.name(p), RuleFields.description(p, current.description()),
                p.has("source_filters") ? sources(p) : current.sourceFilters(),
                p.has("target_filters") ? targets(p) : current.targetFilters(),
                p.has("equals") ? equals(p) : current.equals(), RuleFields.discard(p, current.discard()), current.status(),
                current.createdAt(), clock.getAsLong()));
        return Map.of();
    }

    @Override
    void describe(InhibitRule rule, Map<String, Object> out, long now) {
        out.put("description", rule.description());
        out.put("source_filters", ChannelSettingsJson.filterJson(rule.sourceFilters().specs()));
        out.put("target_filters", ChannelSettingsJson.filterJson(rule.targetFilters().specs()));
        out.put("equals", rule.equals());
        out.put("is_directly_discard", rule.discard());
        out.put("updated_at", rule.updatedAt());
    }

    private static dev.quell.filter.Filter sources(Params p) {
        return RuleFields.filters(p, "source_filters", "active alerts that inhibit");
    }

    private static dev.quell.filter.Filter targets(Params p) {
        return RuleFields.filters(p, "target_filters", "new alerts to inhibit");
    }

    /** The fields source and target must share; required, since without them any source would inhibit any target. */
    private static List<String> equals(Params p) {
        List<String> fields = p.stringList("equals");
        if (fields.isEmpty() || fields.size() > MAX_EQUALS) {
            throw ApiError.invalid("equals is required: 1 to " + MAX_EQUALS + " fields that source and target share, "
                    + "e.g. [\"labels.host\"]");
        }
        List<String> checked = new ArrayList<>();
        for (String field : fields) {
            boolean known = field.equals("title") || field.equals("description") || field.equals("severity")
                    || field.startsWith("labels.") && field.length() > "labels.".length();
            if (!known) {
                throw ApiError.invalid("equals: \"" + field + "\" is not a field; use title, description, severity "
                        + "or labels.<name>");
            }
            checked.add(field);
        }
        return checked;
    }
}
