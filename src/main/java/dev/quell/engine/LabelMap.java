package dev.quell.engine;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An unmodifiable label map sorted by key, held in one array of keys and values side by side. The engine keeps the
 * labels of every open alert; as a {@code TreeMap} each label costs an entry object of 40 bytes besides its two
 * strings, here 8 bytes. With 100,000 open alerts of 25 labels (a few raw, the rest from enrichment) that is about
 * 80 MB less for the garbage collector to copy and mark. Lookups are a binary search, which is as fast for the few
 * dozen labels an alert has.
 */
final class LabelMap extends AbstractMap<String, String> {
    static final LabelMap EMPTY = new LabelMap(new String[0]);

    /** Key at {@code 2i}, its value at {@code 2i + 1}, keys ascending and distinct, no nulls. */
    private final String[] keysAndValues;

    private LabelMap(String[] keysAndValues) {
        this.keysAndValues = keysAndValues;
    }

    /** A sorted copy of {@code labels}; a label has a name and a value, so a null in either is refused. */
    static LabelMap of(Map<String, String> labels) {
        if (labels instanceof LabelMap same) {
            return same;
        }
        if (labels.isEmpty()) {
            return EMPTY;
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, String>[] sorted = labels.entrySet().toArray(new Map.Entry[0]);
        Arrays.sort(sorted, Map.Entry.comparingByKey());
        String[] keysAndValues = new String[sorted.length * 2];
        for (int i = 0; i < sorted.length; i++) {
            String key = sorted[i].getKey();
            String value = sorted[i].getValue();
            if (key == null || value == null) {
                throw new NullPointerException("a label's name and value must not be null");
            }
            keysAndValues[2 * i] = key;
            keysAndValues[2 * i + 1] = value;
        }
        return new LabelMap(keysAndValues);
    }

    @Override
    public int size() {
        return keysAndValues.length / 2;
    }

    @Override
    public boolean isEmpty() {
        return keysAndValues.length == 0;
    }

    @Override
    public String get(Object key) {
        int index = indexOf(key);
        return index < 0 ? null : keysAndValues[2 * index + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String name)) {
            return -1;
        }
        int low = 0;
        int high = size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = keysAndValues[2 * middle].compareTo(name);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    /** These labels with each value replaced by the pool's equal instance: one array copied, only if one differs. */
    LabelMap withPooledValues(ValuePool pool) {
        String[] pooled = null;
        for (int i = 1; i < keysAndValues.length; i += 2) {
            String value = pool.canonical(keysAndValues[i]);
            if (value != keysAndValues[i]) {
                if (pooled == null) {
                    pooled = keysAndValues.clone();
                }
                pooled[i] = value;
            }
        }
        return pooled == null ? this : new LabelMap(pooled);
    }

    /** Whether {@code other} holds exactly these labels: a walk of both arrays, no entry objects. */
    boolean sameAs(LabelMap other) {
        return other == this || Arrays.equals(keysAndValues, other.keysAndValues);
    }

    /** A view made on each call rather than kept: kept, it would be one more object per open alert. */
    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keysAndValues.length;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= keysAndValues.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, String> entry =
                                new SimpleImmutableEntry<>(keysAndValues[next], keysAndValues[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return LabelMap.this.size();
            }
        };
    }
}
