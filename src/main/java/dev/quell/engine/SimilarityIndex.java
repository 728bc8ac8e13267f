package dev.quell.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
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
    /**
     * Per field and handle: how many tokens the incident has there. The bound reads these for hundreds of candidates
     * per search; from flat arrays rather than through each incident's sets, which are rarely in cache.
     */
    private int[][] tokenCounts;
    private int[] touched = new int[64];
    /** Per handle, the search that last counted it: telling a first hit from a later one without a set. */
    private int[] countedIn = new int[64];
    /** Per handle, the search that last scored it exactly. */
    private int[] scoredIn = new int[64];
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
    /** How many holders of the rarest tokens are scored exactly before the bound takes over. */
    private static final int RAREST_SCORED_FIRST = 64;
    /** Slack for sums of fractions in doubles: a bound is trusted to exclude only when below by more than this. */
    private static final double ROUNDING = 1e-9;

    @SuppressWarnings("unchecked")
    private static List<Set<String>>[] newProfiles(int capacity) {
        return new List[capacity];
    }

    @SuppressWarnings("unchecked")
    SimilarityIndex(List<String> keys) {
        this.keys = List.copyOf(keys);
        this.postings = new Map[keys.size()];
        this.hits = new int[keys.size()][64];
        this.tokenCounts = new int[keys.size()][64];
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
                tokenCounts[f] = java.util.Arrays.copyOf(tokenCounts[f], capacity);
            }
            touched = java.util.Arrays.copyOf(touched, capacity);
            countedIn = java.util.Arrays.copyOf(countedIn, capacity);
            scoredIn = java.util.Arrays.copyOf(scoredIn, capacity);
        }
        List<Set<String>> profile = profileOf(firstAlert);
        handles.put(incidentId, handle);
        incidentIds[handle] = incidentId;
        profiles[handle] = profile;
        for (int f = 0; f < profile.size(); f++) {
            tokenCounts[f][handle] = profile.get(f).size();
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
     * The most similar incident that {@code eligible} accepts among those that reach {@code threshold}, or null. Exact,
     * without scoring every open incident. An incident missing {@code k} of the alert's {@code n} tokens in a field
     * scores at most {@code (n - k) / n} there, so with the alert's {@code F} non-empty fields its mean is at most
     * {@code 1 - sum(1 / (n * F))} over the tokens it misses: each of the alert's tokens weighs {@code 1 / (n * F)},
     * and an incident missing tokens that weigh more than {@code 1 - bar} in all cannot reach {@code bar}. So the
     * candidates are the holders of tokens taken cheapest first (fewest holders per weight) until the tokens taken
     * weigh more than {@code 1 - bar}. The bar starts at the threshold and rises to the best score found: the holders
     * of the rarest tokens are scored first, and when one of them matches well (an alert like an open incident's names
     * the same host or service) few or no further holders need a look. A bound from how many of the taken tokens
     * each candidate holds skips the exact score of most of the rest. Ties go to the newer incident (ids grow with
     * time), so the choice never depends on hash order. The cost is small when an alert names something few open
     * incidents name, and grows to every open incident when all of them read alike and none is close.
     */
    Match best(Alert alert, double threshold, Predicate<String> eligible) {
        List<Set<String>> profile = profileOf(alert);
        List<Token> tokens = rarestFirst(profile);
        if (tokens.isEmpty()) {
            return null;
        }
        Search search = new Search(profile, threshold, eligible, ++searches);
        int budget = RAREST_SCORED_FIRST;
        for (Token token : tokens) {
            if (token.holders.size > budget) {
                break;
            }
            budget -= token.holders.size;
            for (int i = 0; i < token.holders.size; i++) {
                search.consider(token.holders.items[i]);
            }
        }
        int fields = profile.size();
        int[] takenPerField = new int[fields];
        int touchedCount = 0;
        double takenWeight = 0;
        tokens.sort(Comparator.comparingDouble(token -> token.holders.size / token.weight));
        for (Token token : tokens) {
            if (takenWeight > 1 - search.bar() + ROUNDING) {
                break;
            }
            takenWeight += token.weight;
            takenPerField[token.field]++;
            int[] fieldHits = hits[token.field];
            for (int i = 0; i < token.holders.size; i++) {
                int handle = token.holders.items[i];
                if (countedIn[handle] != search.number) {
                    countedIn[handle] = search.number;
                    touched[touchedCount++] = handle;
                }
                fieldHits[handle]++;
            }
        }
        int[] candidateHits = new int[fields];
        for (int c = 0; c < touchedCount; c++) {
            int handle = touched[c];
            for (int f = 0; f < fields; f++) {
                candidateHits[f] = hits[f][handle];
                hits[f][handle] = 0;
            }
            if (upperBound(profile, handle, takenPerField, candidateHits) >= search.bar() - ROUNDING) {
                search.consider(handle);
            }
        }
        if (search.bestId == null) {
            return null;
        }
        Map<String, Double> fieldScores = new LinkedHashMap<>();
        score(profile, profiles[handles.get(search.bestId)], fieldScores);
        return new Match(search.bestId, search.bestScore, fieldScores);
    }

    /** One of the alert's tokens: its field, the incidents that hold it there, and its weight in the bound. */
    private record Token(int field, Holders holders, double weight) {
    }

    /** The alert's tokens over every field, those fewest incidents hold first (then the heavier). */
    private List<Token> rarestFirst(List<Set<String>> profile) {
        int nonEmptyFields = 0;
        for (Set<String> tokens : profile) {
            nonEmptyFields += tokens.isEmpty() ? 0 : 1;
        }
        List<Token> tokens = new ArrayList<>();
        for (int f = 0; f < profile.size(); f++) {
            Set<String> fieldTokens = profile.get(f);
            double weight = fieldTokens.isEmpty() ? 0 : 1.0 / (fieldTokens.size() * (double) nonEmptyFields);
            for (String token : fieldTokens) {
                tokens.add(new Token(f, postings[f].getOrDefault(token, NONE), weight));
            }
        }
        tokens.sort(Comparator.comparingInt((Token token) -> token.holders.size)
                .thenComparing(Comparator.comparingDouble(Token::weight).reversed()));
        return tokens;
    }

    /** The best eligible incident so far of one search; each incident is scored at most once. */
    private final class Search {
        final List<Set<String>> profile;
        final double threshold;
        final Predicate<String> eligible;
        final int number;
        String bestId;
        double bestScore = -1;

        Search(List<Set<String>> profile, double threshold, Predicate<String> eligible, int number) {
            this.profile = profile;
            this.threshold = threshold;
            this.eligible = eligible;
            this.number = number;
        }

        /** What a candidate must score to matter: the threshold, or the best found once that is higher. */
        double bar() {
            return Math.max(threshold, bestScore);
        }

        void consider(int handle) {
            if (scoredIn[handle] == number) {
                return;
            }
            scoredIn[handle] = number;
            double score = score(profile, profiles[handle], null);
            String id = incidentIds[handle];
            boolean better = score > bestScore || score == bestScore && id.compareTo(bestId) > 0;
            if (score >= threshold && better && eligible.test(id)) {
                bestId = id;
                bestScore = score;
            }
        }
    }

    /**
     * A bound no candidate's score can exceed, from what the taken tokens' postings showed: in a field where it holds
     * {@code h} of the alert's {@code p} taken tokens it can share at most {@code h} plus all {@code n - p} other
     * tokens. Cheap enough to skip the exact score of most candidates that only share a word or two.
     */
    private double upperBound(List<Set<String>> alert, int handle, int[] taken, int[] hits) {
        double sum = 0;
        int fields = 0;
        for (int f = 0; f < alert.size(); f++) {
            int ours = alert.get(f).size();
            int theirs = tokenCounts[f][handle];
            if (ours + theirs == 0) {
                continue;
            }
            fields++;
            int shared = Math.min(Math.min(ours, theirs), hits[f] + ours - taken[f]);
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
