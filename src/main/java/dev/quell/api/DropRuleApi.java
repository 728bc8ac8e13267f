package dev.quell.api;

import dev.quell.engine.DropRule;
import dev.quell.engine.DropRules;
import dev.quell.filter.Filter;
import dev.quell.filter.InvalidFilter;
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
    private static final int MAX_NAME = 39;
    private static final int MAX_DESCRIPTION = 500;

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
        long channelId = channel(p);
        long now = clock.getAsLong();
        DropRule rule = new DropRule(ids.nextId(now), channelId, priority(p, 0), name(p),
                description(p, ""), filters(p), DropRule.ENABLED, now, now);
        save(rule);
        return Map.of("rule_id", rule.ruleId(), "rule_name", rule.ruleName());
    }

    /** Name and filters as given; priority and description keep their values when left out. */
    Object update(Params p) {
        DropRule current = existing(p);
        save(new DropRule(current.ruleId(), current.channelId(), priority(p, current.priority()), name(p),
                description(p, current.description()), p.has("filters") ? filters(p) : current.filters(),
                current.status(), current.createdAt(), clock.getAsLong()));
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
        OpenApiRoutes.await(writer.submit(new DropRules(current.channelId(), catalog.dropRules(current.channelId()))));
        return Map.of();
    }

    /** The channel's rules in the order they are tried, each with how many events it dropped since start. */
    Object list(Params p, WriterMetrics metrics) {
        long channelId = channel(p);
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
        out.put("dropped_cnt", metrics.droppedBy(rule.ruleId()));
        return out;
    }

    private void save(DropRule rule) {
        catalog.saveDropRule(rule);
        OpenApiRoutes.await(writer.submit(new DropRules(rule.channelId(), catalog.dropRules(rule.channelId()))));
    }

    private long channel(Params p) {
        long channelId = p.requiredLong("channel_id");
        if (catalog.channel(channelId).isEmpty()) {
            throw ApiError.invalid("channel_id " + channelId + " does not exist");
        }
        return channelId;
    }

    private DropRule existing(Params p) {
        long channelId = channel(p);
        String ruleId = p.requiredString("rule_id");
        Params.requireObjectId("rule_id", ruleId);
        return catalog.dropRule(ruleId).filter(rule -> rule.channelId() == channelId)
                .orElseThrow(() -> ApiError.invalid("rule_id " + ruleId + " is not a drop rule of channel "
                        + channelId));
    }

    private static String name(Params p) {
        String name = p.requiredString("rule_name").trim();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
            throw ApiError.invalid("rule_name must be 1 to " + MAX_NAME + " characters");
        }
        return name;
    }

    private static String description(Params p, String absent) {
        String description = p.optionalString("description");
        if (description == null) {
            return absent;
        }
        if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            throw ApiError.invalid("description must be at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    private static int priority(Params p, int absent) {
        Long priority = p.optionalLong("priority");
        if (priority == null) {
            return absent;
        }
        if (priority < 0 || priority > Integer.MAX_VALUE) {
            throw ApiError.invalid("priority must be a non-negative whole number (got " + priority + ")");
        }
        return priority.intValue();
    }

    /** A drop rule must say what it drops: a rule without filters would drop every event of the channel. */
    private static Filter filters(Params p) {
        Filter filter;
        try {
            filter = Filter.compile(ChannelSettingsJson.filterSpecs(p.raw("filters"), "filters"));
        } catch (InvalidFilter | IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
        if (filter.isEmpty()) {
            throw ApiError.invalid("filters is required: the conditions of the events to drop");
        }
        return filter;
    }
}
