package dev.quell.api;

import dev.quell.engine.ChannelRule;
import dev.quell.engine.DropRule;
import dev.quell.shard.ShardWriter;
import dev.quell.store.Catalog;
import dev.quell.store.ChannelSettingsJson;

import java.util.Map;
import java.util.function.LongSupplier;

/** {@code /channel/unsubscribe/rule/*}: a channel's drop rules. */
final class DropRuleApi extends RuleApi<DropRule> {
    private static final String WHAT = "events to drop";

    DropRuleApi(Catalog catalog, ShardWriter writer, LongSupplier clock) {
        super(catalog, writer, clock, DropRule.class, "a drop rule");
    }

    @Override
    Object create(Params p) {
        long channelId = RuleFields.channel(catalog, p);
        long now = clock.getAsLong();
        DropRule rule = new DropRule(ids.nextId(now), channelId, RuleFields.priority(p, 0), RuleFields.name(p),
                RuleFields.description(p, ""), RuleFields.filters(p, "filters", WHAT), ChannelRule.ENABLED, now, now);
        save(rule);
        return Map.of("rule_id", rule.ruleId(), "rule_name", rule.ruleName());
    }

    /** Name as given; filters, priority and description keep their values when left out. */
    @Override
    Object update(Params p) {
        DropRule current = existing(p);
        save(new DropRule(current.ruleId(), current.channelId(), RuleFields.priority(p, current.priority()),
                RuleFields.name(p), RuleFields.description(p, current.description()),
                p.has("filters") ? RuleFields.filters(p, "filters", WHAT) : current.filters(), current.status(),
                current.createdAt(), clock.getAsLong()));
        return Map.of();
    }

    @Override
    void describe(DropRule rule, Map<String, Object> out, long now) {
        out.put("description", rule.description());
        out.put("filters", ChannelSettingsJson.filterJson(rule.filters().specs()));
        out.put("updated_at", rule.updatedAt());
    }
}
