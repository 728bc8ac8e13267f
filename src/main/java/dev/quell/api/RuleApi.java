package dev.quell.api;

import dev.quell.engine.ChannelRule;
import dev.quell.http.ApiError;
import dev.quell.shard.ObjectIds;
import dev.quell.shard.ShardWriter;
import dev.quell.shard.WriterMetrics;
import dev.quell.store.Catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the endpoints of every kind of channel rule share: enable, disable, delete and list, and saving a change,
 * which stores it and then hands the shard writer the channel's rules, so the next event already sees it.
 */
abstract class RuleApi<T extends ChannelRule> {
    protected final Catalog catalog;
    protected final LongSupplier clock;
    protected final ObjectIds ids = new ObjectIds();
    private final ShardWriter writer;
    private final Class<T> kind;
    private final String noun;

    RuleApi(Catalog catalog, ShardWriter writer, LongSupplier clock, Class<T> kind, String noun) {
        this.catalog = catalog;
        this.writer = writer;
        this.clock = clock;
        this.kind = kind;
        this.noun = noun;
    }

    abstract Object create(Params p);

    abstract Object update(Params p);

    /** The kind's own fields, added to the ones every rule shows. */
    abstract void describe(T rule, Map<String, Object> out, long now);

    Object setStatus(Params p, String status) {
        T current = existing(p);
        if (!current.status().equals(status)) {
            save(current.withStatus(status, clock.getAsLong()));
        }
        return Map.of();
    }

    Object delete(Params p) {
        delete(existing(p));
        return Map.of();
    }

    void delete(T rule) {
        catalog.deleteRule(rule);
        OpenApiRoutes.await(writer.submit(catalog.rules(rule.channelId())));
    }

    /** The channel's rules in the order they are tried, each with how many events it caught since start. */
    Object list(Params p, WriterMetrics metrics) {
        long channelId = RuleFields.channel(catalog, p);
        long now = clock.getAsLong();
        List<Object> items = catalog.rules(channelId, kind).stream().map(rule -> (Object) view(rule, metrics, now))
                .toList();
        return Map.of("items", items);
    }

    private Map<String, Object> view(T rule, WriterMetrics metrics, long now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule_id", rule.ruleId());
        out.put("account_id", Views.ACCOUNT_ID);
        out.put("channel_id", rule.channelId());
        out.put("priority", rule.priority());
        out.put("rule_name", rule.ruleName());
        describe(rule, out, now);
        out.put("status", rule.status());
        out.put("updated_by", 0);
        out.put("created_at", rule.createdAt());
        out.put("events_cnt", metrics.eventsOf(rule.ruleId()));
        return out;
    }

    void save(ChannelRule rule) {
        catalog.saveRule(rule);
        OpenApiRoutes.await(writer.submit(catalog.rules(rule.channelId())));
    }

    T existing(Params p) {
        long channelId = RuleFields.channel(catalog, p);
        String ruleId = RuleFields.ruleId(p);
        return catalog.rule(ruleId, kind).filter(rule -> rule.channelId() == channelId)
                .orElseThrow(() -> ApiError.invalid("rule_id " + ruleId + " is not " + noun + " of channel "
                        + channelId));
    }
}
