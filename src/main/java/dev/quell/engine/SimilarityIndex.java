package dev.quell.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Intelligent grouping for one channel: the open incidents' first alerts as token sets, with an inverted index from
 * each token to the incidents that have it, so a new alert is scored only against the incidents that could reach the
 * threshold (see {@link #best}), not against every open incident.
 *
 * <p>The score is deterministic and can be read back: for each key field (title, description, labels.x, ...) the
 * Jaccard similarity of the two token sets (shared tokens / all tokens), then the mean over the fields that either side
 * has. Tokens are the lower-cased runs of letters and digits; in title and description, runs of digits alone are left
 * out, since there they are readings ("cpu at 93%") that differ between alerts of one cause, while in labels they name
 * things ("web-02") and count.
 */
final class SimilarityIndex {
    private final List<String> keys;
    /** Per field, token to the handles of the incidents whose first alert has it. */
    private final Map<String, Holders>[] postings;
    /** Incidents are numbered by small reusable handles, so the search counts in arrays instead of maps. */
    private final Map<String, Integer> handles = new HashMap<>();
    private final ArrayDeque<Integer> freeHandles = new ArrayDeque<>();
    private String[] incidentIds = new String[64];
    private List<Set<String>>[] profiles = newProfiles(64);
    /** Per field and handle: the alert's prefix tokens the incident holds, during one search (then zeroed). */
    private int[][] hits;
    private int[] touched = new int[64];
    /** Per handle, the search that last counted it: telling a first hit from a later one without a set. */
    private int[] countedIn = new int[64];
    private int searches;

    /** The best incident for an alert, with its score and each field's part in it. */
    record Match(String incidentId, double score, Map<String, Double> fieldScores) {
    }

    /** A set of handles: add, remove by swapping with the last, walk. */
    private static final class Holders {
        int[] items = new int[4];
        int size;

        void add(int handle) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, size * 2);
            }
            items[size++] = handle;
        }

        void remove(int handle) {
            for (int i = 0; i < size; i++) {
                if (items[i] == handle) {
                    items[i] = items[--size];
                    return;
                }
            }
        }
    }

    private static final Holders NONE = new Holders();

    @SuppressWarnings("unchecked")
    private static List<Set<String>>[] newProfiles(int capacity) {
        return new List[capacity];
    }

    @SuppressWarnings("unchecked")
    SimilarityIndex(List<String> keys) {
        this.keys = List.copyOf(keys);
        this.postings = new Map[keys.size()];
        this.hits = new int[keys.size()][64];
        for (int f = 0; f < postings.length; f++) {
            postings[f] = new HashMap<>();
        }
    }

    List<String> keys() {
        return keys;
    }

    void add(String incidentId, Alert firstAlert) {
        remove(incidentId);
        int handle = freeHandles.isEmpty() ? handles.size() : freeHandles.pop();
        if (handle == incidentIds.length) {
            int capacity = handle * 2;
            incidentIds = java.util.Arrays.copyOf(incidentIds, capacity);
            profiles = java.util.Arrays.copyOf(profiles, capacity);
            for (int f = 0; f < hits.length; f++) {
                hits[f] = java.util.Arrays.copyOf(hits[f], capacity);
            }
            touched = java.util.Arrays.copyOf(touched, capacity);
            countedIn = java.util.Arrays.copyOf(countedIn, capacity);
        }
        List<Set<String>> profile = profileOf(firstAlert);
        handles.put(incidentId, handle);
        incidentIds[handle] = incidentId;
        profiles[handle] = profile;
        for (int f = 0; f < profile.size(); f++) {
            for (String token : profile.get(f)) {
                postings[f].computeIfAbsent(token, t -> new Holders()).add(handle);
            }
        }
    }

    void remove(String incidentId) {
        Integer handle = handles.remove(incidentId);
        if (handle == null) {
            return;
        }
        List<Set<String>> profile = profiles[handle];
        for (int f = 0; f < profile.size(); f++) {
            for (String token : profile.get(f)) {
                Holders holders = postings[f].get(token);
                holders.remove(handle);
                if (holders.size == 0) {
                    postings[f].remove(token);
                }
            }
        }
        incidentIds[handle] = null;
        profiles[handle] = null;
        freeHandles.push(handle);
    }

    /**
     * The most similar incident that {@code eligible} accepts among those that can reach {@code threshold}, or null.
     * Exact, without scoring every open incident: a mean of the fields' similarities can only reach the threshold if
     * one field's does, and a field's Jaccard similarity reaches {@code t} only if the incident shares at least
     * {@code ceil(t * n)} of the alert's {@code n} tokens in it, hence at least one of any {@code n - ceil(t * n) + 1}
     * of them. So the candidates are the holders of that many of each field's tokens, the rarest (those fewest
     * incidents hold, new ones first); every other incident is below the threshold. A bound from how many of those
     * tokens each candidate holds skips the exact score of most. Ties go to the newer incident (ids grow with time),
     * so the choice never depends on hash order. The cost grows with how many open incidents share an alert's rarest
     * tokens: small when alerts name different things, up to every open incident when they all read alike.
     */
    Match best(Alert alert, double threshold, Predicate<String> eligible) {
        List<Set<String>> profile = profileOf(alert);
        int fields = profile.size();
        int[] prefixSizes = new int[fields];
        int touchedCount = 0;
        int search = ++searches;
        for (int f = 0; f < fields; f++) {
            Set<String> tokens = profile.get(f);
            int needed = tokens.size() - (int) Math.ceil(threshold * tokens.size()) + 1;
            if (tokens.isEmpty() || needed <= 0) {
                continue;
            }
            prefixSizes[f] = Math.min(needed, tokens.size());
            Map<String, Holders> fieldPostings = postings[f];
            List<Holders> rarest = tokens.stream().map(token -> fieldPostings.getOrDefault(token, NONE))
                    .sorted(java.util.Comparator.comparingInt(holders -> holders.size)).limit(needed).toList();
            int[] fieldHits = hits[f];
            for (Holders holders : rarest) {
                for (int i = 0; i < holders.size; i++) {
                    int handle = holders.items[i];
                    if (countedIn[handle] != search) {
                        countedIn[handle] = search;
                        touched[touchedCount++] = handle;
                    }
                    fieldHits[handle]++;
                }
            }
        }
        String bestId = null;
        double bestScore = -1;
        int[] candidateHits = new int[fields];
        for (int c = 0; c < touchedCount; c++) {
            int handle = touched[c];
            for (int f = 0; f < fields; f++) {
                candidateHits[f] = hits[f][handle];
                hits[f][handle] = 0;
            }
            String id = incidentIds[handle];
            List<Set<String>> theirs = profiles[handle];
            if (upperBound(profile, theirs, prefixSizes, candidateHits) < threshold || !eligible.test(id)) {
                continue;
            }
            double score = score(profile, theirs, null);
            if (score > bestScore || score == bestScore && id.compareTo(bestId) > 0) {
                bestId = id;
                bestScore = score;
            }
        }
        if (bestId == null || bestScore < threshold) {
            return null;
        }
        Map<String, Double> fieldScores = new LinkedHashMap<>();
        score(profile, profiles[handles.get(bestId)], fieldScores);
        return new Match(bestId, bestScore, fieldScores);
    }

    /**
     * A bound no candidate's score can exceed, from what the prefix postings showed: in a field where it holds
     * {@code h} of the alert's {@code p} prefix tokens it can share at most {@code h} plus all {@code n - p} other
     * tokens. Cheap enough to skip the exact score of most candidates that only share a word or two.
     */
    private static double upperBound(List<Set<String>> alert, List<Set<String>> incident, int[] prefixSizes,
                                     int[] hits) {
        double sum = 0;
        int fields = 0;
        for (int f = 0; f < alert.size(); f++) {
            int ours = alert.get(f).size();
            int theirs = incident.get(f).size();
            if (ours + theirs == 0) {
                continue;
            }
            fields++;
            int shared = Math.min(Math.min(ours, theirs), hits[f] + ours - prefixSizes[f]);
            if (shared > 0) {
                sum += (double) shared / (ours + theirs - shared);
            }
        }
        return fields == 0 ? 0 : sum / fields;
    }

    /** The mean Jaccard similarity over the fields either side has; each field's share goes to {@code parts}. */
    private double score(List<Set<String>> alert, List<Set<String>> incident, Map<String, Double> parts) {
        double sum = 0;
        int fields = 0;
        for (int f = 0; f < keys.size(); f++) {
            Set<String> ours = alert.get(f);
            Set<String> theirs = incident.get(f);
            int shared = 0;
            for (String token : ours) {
                if (theirs.contains(token)) {
                    shared++;
                }
            }
            int union = ours.size() + theirs.size() - shared;
            if (union == 0) {
                continue;
            }
            double jaccard = (double) shared / union;
            sum += jaccard;
            fields++;
            if (parts != null) {
                parts.put(keys.get(f), jaccard);
            }
        }
        return fields == 0 ? 0 : sum / fields;
    }

    private List<Set<String>> profileOf(Alert alert) {
        List<Set<String>> profile = new ArrayList<>(keys.size());
        for (String key : keys) {
            profile.add(tokens(alert.value(key), key.startsWith("labels.")));
        }
        return profile;
    }

    static Set<String> tokens(String text, boolean keepNumbers) {
        Set<String> tokens = new LinkedHashSet<>();
        if (text == null) {
            return tokens;
        }
        int start = -1;
        boolean lettered = false;
        for (int i = 0; i <= text.length(); i++) {
            boolean inToken = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
            if (inToken) {
                if (start < 0) {
                    start = i;
                    lettered = false;
                }
                lettered |= Character.isLetter(text.charAt(i));
            } else if (start >= 0) {
                if (lettered || keepNumbers) {
                    tokens.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                }
                start = -1;
            }
        }
        return tokens;
    }
}
