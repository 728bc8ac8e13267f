package dev.quell.api;

import dev.quell.filter.Filter;
import dev.quell.filter.InvalidFilter;
import dev.quell.http.ApiError;
import dev.quell.store.Catalog;
import dev.quell.store.ChannelSettingsJson;

/** The fields every channel rule takes (channel, id, name, description, priority, filters), validated alike. */
final class RuleFields {
    private static final int MAX_NAME = 39;
    private static final int MAX_DESCRIPTION = 500;

    private RuleFields() {
    }

    static long channel(Catalog catalog, Params p) {
        long channelId = p.requiredLong("channel_id");
        if (catalog.channel(channelId).isEmpty()) {
            throw ApiError.invalid("channel_id " + channelId + " does not exist");
        }
        return channelId;
    }

    static String ruleId(Params p) {
        String ruleId = p.requiredString("rule_id");
        Params.requireObjectId("rule_id", ruleId);
        return ruleId;
    }

    static String name(Params p) {
        String name = p.requiredString("rule_name").trim();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
            throw ApiError.invalid("rule_name must be 1 to " + MAX_NAME + " characters");
        }
        return name;
    }

    static String description(Params p, String absent) {
        String description = p.optionalString("description");
        if (description == null) {
            return absent;
        }
        if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            throw ApiError.invalid("description must be at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    static int priority(Params p, int absent) {
        Long priority = p.optionalLong("priority");
        if (priority == null) {
            return absent;
        }
        if (priority < 0 || priority > Integer.MAX_VALUE) {
            throw ApiError.invalid("priority must be a non-negative whole number (got " + priority + ")");
        }
        return priority.intValue();
    }

    /**
     * The rule's filters in {@code field}, required and not empty: a rule without conditions would act on every
     * event of the channel. {@code what} says what they select, for the message.
     */
    static Filter filters(Params p, String field, String what) {
        Filter filter;
        try {
            filter = Filter.compile(ChannelSettingsJson.filterSpecs(p.raw(field), field));
        } catch (InvalidFilter e) {
            throw ApiError.invalid(field + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
        if (filter.isEmpty()) {
            throw ApiError.invalid(field + " is required: the conditions of the " + what);
        }
        return filter;
    }

    /** {@code is_directly_discard}: whether what the rule catches is discarded rather than kept and marked. */
    static boolean discard(Params p, boolean absent) {
        Boolean discard = p.optionalBoolean("is_directly_discard");
        return discard == null ? absent : discard;
    }
}
