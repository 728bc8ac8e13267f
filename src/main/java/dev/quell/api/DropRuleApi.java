package dev.quell.api;

import dev.quell.engine.DropRule;
import dev.quell.http.ApiError;
import dev.quell.shard.ObjectIds;
import dev.quell.shard.ShardWriter;
import dev.quell.shard.WriterMetrics;
import dev.quell.store.Catalog;
import dev.quell.store.ChannelSettingsJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code /channel/unsubscribe/rule/*}: a channel's drop rules. Each change is stored, then handed to the shard
 * writer as the channel's whole list, so the next event already sees it.
 */
final class DropRuleApi {
    private static final String WHAT = "events to drop";
    private final Catalog catalog;
    private final ShardWriter writer;
    private final LongSupplier clock;
    private final ObjectIds ids = new ObjectIds();

    DropRuleApi(Catalog catalog, ShardWriter writer, LongSupplier clock) {
        this.catalog = catalog;
        this.writer = writer;
        this.clock = clock;
    }

    Object create(Params p) {
        long channelId = RuleFields.channel(catalog, p);
        long now = clock.getAsLong();
        DropRule rule = new DropRule(ids.nextId(now), channelId, RuleFields.priority(p, 0), RuleFields.name(p),
                RuleFields.description(p, ""), RuleFields.filters(p, WHAT), DropRule.ENABLED, now, now);
        save(rule);
        return Map.of("rule_id", rule.ruleId(), "rule_name", rule.ruleName());
    }

    /** Name and filters as given; priority and description keep their values when left out. */
    Object update(Params p) {
        DropRule current = existing(p);
        save(new DropRule(current.ruleId(), current.channelId(), RuleFields.priority(p, current.priority()),
                RuleFields.name(p), RuleFields.description(p, current.description()),
                p.has("filters") ? RuleFields.filters(p, WHAT) : current.filters(), current.status(),
                current.createdAt(), clock.getAsLong()));
        return Map.of();
    }

    Object setStatus(Params p, String status) {
        DropRule current = existing(p);
        if (!current.status().equals(status)) {
            save(current.withStatus(status, clock.getAsLong()));
        }
        return Map.of();
    }

    Object delete(Params p) {
        DropRule current = existing(p);
        catalog.deleteDropRule(current.ruleId());
        OpenApiRoutes.await(writer.submit(catalog.rules(current.channelId())));
        return Map.of();
    }

    /** The channel's rules in the order they are tried, each with how many events it dropped since start. */
    Object list(Params p, WriterMetrics metrics) {
        long channelId = RuleFields.channel(catalog, p);
        List<Object> items = catalog.dropRules(channelId).stream().map(rule -> (Object) view(rule, metrics)).toList();
        return Map.of("items", items);
    }

    private static Map<String, Object> view(DropRule rule, WriterMetrics metrics) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule_id", rule.ruleId());
        out.put("account_id", Views.ACCOUNT_ID);
        out.put("channel_id", rule.channelId());
        out.put("priority", rule.priority());
        out.put("rule_name", rule.ruleName());
        out.put("description", rule.description());
        out.put("filters", ChannelSettingsJson.filterJson(rule.filters().specs()));
        out.put("status", rule.status());
        out.put("updated_by", 0);
        out.put("created_at", rule.createdAt());
        out.put("updated_at", rule.updatedAt());
        out.put("dropped_cnt", metrics.eventsOf(rule.ruleId()));
        return out;
    }

    private void save(DropRule rule) {
        catalog.saveDropRule(rule);
        OpenApiRoutes.await(writer.submit(catalog.rules(rule.channelId())));
    }

    private DropRule existing(Params p) {
        long channelId = RuleFields.channel(catalog, p);
        String ruleId = RuleFields.ruleId(p);
        return catalog.dropRule(ruleId).filter(rule -> rule.channelId() == channelId)
                .orElseThrow(() -> ApiError.invalid("rule_id " + ruleId + " is not a drop rule of channel "
                        + channelId));
    }
}
