package dev.quell.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Flashduty's filter conditions, shared by grouping cases, drop, silence and inhibit rules and routing: an OR of
 * AND groups of {@code {key, oper, vals}} conditions. Compiled once, then safe to match from any thread.
 *
 * <p>Keys are {@code severity}, {@code title}, {@code description}, {@code integration_id} and
 * {@code labels.<name>}. {@code IN} holds when any of the vals matches the field value, {@code NOTIN} when none
 * does. Each val's form picks how it matches:
 * <ul>
 *   <li>{@code /re/}: an RE2 regular expression (re2j, linear time, so a hostile pattern cannot stall matching)
 *       that matches when found anywhere in the value, because Flashduty documents {@code /outage/} as "contains
 *       outage"; anchor with {@code ^...$} for a whole-value match. Case-sensitive unless the pattern says
 *       {@code (?i)}.</li>
 *   <li>{@code cidr:<address>/<bits>}: the value is an IPv4 or IPv6 literal inside the network; addresses are
 *       parsed without DNS, and a value only matches a network of its own family.</li>
 *   <li>{@code num:gt:}, {@code num:ge:}, {@code num:lt:}, {@code num:le:} and a number: the value read as a plain
 *       decimal number compared with it; a value that is not such a number does not match.</li>
 *   <li>a val containing {@code *} or {@code ?}: a wildcard over the whole value, case-sensitive like exact
 *       matching, {@code ?} being one character; a lone {@code *} matches any present value, even an empty
 *       one.</li>
 *   <li>anything else: exact, case-sensitive equality.</li>
 * </ul>
 * The {@code cidr:} and {@code num:} prefixes are checked before wildcards, so a val starting with them must be a
 * valid network or comparison.
 *
 * <p>An absent field matches no val: {@code IN} is false and {@code NOTIN} is true whatever the vals. This is what
 * Flashduty documents for {@code *} ("matches *" requires the field to exist, "doesn't match *" requires it not to),
 * applied to every form. An empty string is a present value.
 */
public final class Filter {
    private final List<List<ConditionSpec>> specs;
    private final Condition[][] groups;

    private Filter(List<List<ConditionSpec>> specs, Condition[][] groups) {
        this.specs = specs;
        this.groups = groups;
    }

    /** The field values a filter reads, by key as written in the spec, for example {@code labels.host}. */
    public interface Subject {
        /** The field's value, or null when the field is absent. */
        String value(String key);

        /** The value of the label {@code name} (the key {@code labels.<name>}), or null when absent. */
        default String label(String name) {
            return value("labels." + name);
        }
    }

    /** The filter with no conditions: it matches everything. */
    public static final Filter MATCH_ALL = new Filter(List.of(), new Condition[0][]);

    /** Validates and compiles the conditions; no groups at all gives a filter that matches everything. */
    public static Filter compile(List<List<ConditionSpec>> orOfAndGroups) throws InvalidFilter {
        Condition[][] groups = new Condition[orOfAndGroups.size()][];
        List<List<ConditionSpec>> specs = new ArrayList<>(groups.length);
        for (int g = 0; g < groups.length; g++) {
            List<ConditionSpec> group = orOfAndGroups.get(g);
            if (group == null || group.isEmpty()) {
                throw new InvalidFilter("filters[" + g + "]: an AND group needs at least one condition");
            }
            groups[g] = new Condition[group.size()];
            List<ConditionSpec> groupSpecs = new ArrayList<>(group.size());
            for (int c = 0; c < group.size(); c++) {
                ConditionSpec spec = group.get(c);
                String location = "filters[" + g + "][" + c + "]";
                if (spec == null) {
                    throw new InvalidFilter(location + ": the condition is null");
                }
                try {
                    groups[g][c] = Condition.compile(spec);
                } catch (InvalidValue e) {
                    String key = spec.key() == null || spec.key().isEmpty() ? "" : " " + spec.key();
                    throw new InvalidFilter(location + key + ": " + e.getMessage());
                }
                groupSpecs.add(new ConditionSpec(spec.key(), spec.oper(), List.copyOf(spec.vals())));
            }
            specs.add(List.copyOf(groupSpecs));
        }
        return new Filter(List.copyOf(specs), groups);
    }

    public boolean matches(Subject subject) {
        if (groups.length == 0) {
            return true;
        }
        for (Condition[] group : groups) {
            if (allMatch(group, subject)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allMatch(Condition[] group, Subject subject) {
        for (Condition condition : group) {
            if (!condition.matches(subject)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per AND group, the condition that guards it best for an index (the one naming the fewest prefixes a value must
     * start with), or null for a group no condition guards. Empty for the filter that matches everything.
     */
    Condition[] guards() {
        Condition[] guards = new Condition[groups.length];
        for (int g = 0; g < groups.length; g++) {
            for (Condition condition : groups[g]) {
                java.util.List<String> prefixes = condition.requiredPrefixes();
                if (prefixes != null && (guards[g] == null
                        || prefixes.size() < guards[g].requiredPrefixes().size())) {
                    guards[g] = condition;
                }
            }
        }
        return guards;
    }

    /** The accepted specs, unmodifiable, to echo back through the API. */
    public List<List<ConditionSpec>> specs() {
        return specs;
    }

    /** True when there are no groups, in which case the filter matches everything. */
    public boolean isEmpty() {
        return groups.length == 0;
    }
}
