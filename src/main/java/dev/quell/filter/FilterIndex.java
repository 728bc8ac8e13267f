package dev.quell.filter;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the first filter of an ordered list that matches, testing only those that can ({@link #candidates} lists
 * those). Most rules name what they catch by a value a field must have or start with
 * ({@code labels.service IN api, web-*, /^batch-/}): such an {@code IN} condition guards its AND group, since a field
 * value that starts with none of its prefixes fails it. The
 * index maps each guarded field and prefix to the filters whose groups it guards; an event's candidates are the
 * filters under the prefixes its field values start with, plus every filter with an unguarded group, still tested
 * in list order. The answer is always the one testing the whole list would give.
 */
public final class FilterIndex {
    private final List<Filter> filters;
    private final List<GuardedField> fields = new ArrayList<>();
    private final BitSet alwaysTested = new BitSet();

    /** One field's guards: prefix to the positions of the filters it guards a group of. */
    private static final class GuardedField {
        final Condition reader;
        final Map<String, BitSet> byPrefix = new HashMap<>();
        final TreeSet<Integer> prefixLengths = new TreeSet<>();

        GuardedField(Condition reader) {
            this.reader = reader;
        }

        void add(String prefix, int position) {
            byPrefix.computeIfAbsent(prefix, p -> new BitSet()).set(position);
            prefixLengths.add(prefix.length());
        }

        /** Marks in {@code candidates} the filters guarded by a prefix of the subject's value of this field. */
        void collect(Filter.Subject subject, BitSet candidates) {
            String value = reader.valueIn(subject);
            if (value == null) {
                return;
            }
            for (int length : prefixLengths) {
                if (length > value.length()) {
                    return;
                }
                BitSet guarded = byPrefix.get(value.substring(0, length));
                if (guarded != null) {
                    candidates.or(guarded);
                }
            }
        }
    }

    public FilterIndex(List<Filter> filters) {
        this.filters = List.copyOf(filters);
        Map<String, GuardedField> byKey = new HashMap<>();
        for (int position = 0; position < this.filters.size(); position++) {
            Filter filter = this.filters.get(position);
            Condition[] guards = filter.guards();
            boolean guarded = guards.length > 0;
            for (Condition guard : guards) {
                guarded &= guard != null;
            }
            if (!guarded) {
                alwaysTested.set(position);
                continue;
            }
            for (Condition guard : guards) {
                GuardedField field = byKey.computeIfAbsent(guard.key(), key -> {
                    GuardedField created = new GuardedField(guard);
                    fields.add(created);
                    return created;
                });
                for (String prefix : guard.requiredPrefixes()) {
                    field.add(prefix, position);
                }
            }
        }
    }

    /** The position of the first filter that matches the subject, or -1 when none does. */
    public int firstMatch(Filter.Subject subject) {
        BitSet candidates = candidates(subject);
        for (int position = candidates.nextSetBit(0); position >= 0; position = candidates.nextSetBit(position + 1)) {
            if (filters.get(position).matches(subject)) {
                return position;
            }
        }
        return -1;
    }

    /**
     * The positions of the filters that may match the subject: every filter that matches it is among them, those its
     * guards rule out are not. The caller owns the set.
     */
    public BitSet candidates(Filter.Subject subject) {
        BitSet candidates = (BitSet) alwaysTested.clone();
        for (GuardedField field : fields) {
            field.collect(subject, candidates);
        }
        return candidates;
    }
}
