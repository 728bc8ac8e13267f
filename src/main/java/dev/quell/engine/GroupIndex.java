package dev.quell.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the open incident a new alert joins, for every channel that groups. Rule-based grouping maps each
 * (channel, case, dimension list, values) to the incident that took those values last; intelligent grouping keeps a
 * {@link SimilarityIndex} per channel. Only open incidents that may still take alerts are in it: a closed one leaves
 * through {@link #forget}, one past its window or full leaves when a lookup finds it so.
 */
final class GroupIndex {
    private final Map<String, String> incidentByRuleKey = new HashMap<>();
    private final Map<String, List<String>> ruleKeysOfIncident = new HashMap<>();
    private final Map<Long, SimilarityIndex> similarityByChannel = new HashMap<>();
    private final Map<String, Long> similarityChannelOfIncident = new HashMap<>();

    /**
     * Where a new alert goes: into {@code incident} (null: a new one) and why, in words a person can check against
     * the alert ({@code reason}). {@code ruleKeys} are the keys a new incident is filed under.
     */
    record Placement(Incident incident, Map<String, String> reason, String dedupKey, List<String> ruleKeys) {
    }

    /** The dimension list, with the alert's values, that a rule-based key stands for. */
    private record RuleKey(String key, String described) {
    }

    Placement place(EngineState state, Channel channel, Alert alert, long now) {
        Grouping grouping = channel.grouping();
        return switch (grouping.method()) {
            case n -> new Placement(null, Map.of(), "", List.of());
            case p -> placeByRules(state, channel, alert, now);
            case i -> placeBySimilarity(state, channel, alert, now);
        };
    }

    private Placement placeByRules(EngineState state, Channel channel, Alert alert, long now) {
        List<RuleKey> keys = ruleKeys(channel, alert);
        for (RuleKey key : keys) {
            String incidentId = incidentByRuleKey.get(key.key());
            Incident incident = incidentId == null ? null : state.openIncident(incidentId);
            if (incident != null && channel.grouping().accepts(incident, now)) {
                return new Placement(incident, Map.of("method", "p", "dimensions", key.described()),
                        incident.dedupKey(), List.of());
            }
        }
        String dedupKey = keys.isEmpty() ? "" : keys.get(0).described();
        return new Placement(null, Map.of(), dedupKey, keys.stream().map(RuleKey::key).toList());
    }

    /**
     * The alert's keys, one per dimension list of the case it falls in. Under strict grouping a list in which the
     * alert has an empty value gives no key: such an alert groups with nothing under that list.
     */
    private static List<RuleKey> ruleKeys(Channel channel, Alert alert) {
        Grouping grouping = channel.grouping();
        int caseIndex = grouping.caseFor(alert);
        List<List<String>> lists = caseIndex < 0 ? grouping.equals() : grouping.cases().get(caseIndex).equals();
        List<RuleKey> keys = new ArrayList<>(lists.size());
        for (int l = 0; l < lists.size(); l++) {
            StringBuilder key = new StringBuilder().append(channel.channelId()).append('\u0001').append(caseIndex)
                    .append('\u0001').append(l);
            StringBuilder described = new StringBuilder();
            boolean usable = true;
            for (String dimension : lists.get(l)) {
                String value = alert.value(dimension);
                value = value == null ? "" : value;
                usable &= !(grouping.allEqualsRequired() && value.isEmpty());
                key.append('\u0001').append(value);
                described.append(described.isEmpty() ? "" : ", ").append(dimension).append('=').append(value);
            }
            if (usable) {
                keys.add(new RuleKey(key.toString(), described.toString()));
            }
        }
        return keys;
    }

    private Placement placeBySimilarity(EngineState state, Channel channel, Alert alert, long now) {
        Grouping grouping = channel.grouping();
        SimilarityIndex index = similarity(channel);
        List<String> departed = new ArrayList<>();
        SimilarityIndex.Match match = index.best(alert, grouping.scoreThreshold(), incidentId -> {
            Incident incident = state.openIncident(incidentId);
            if (incident == null || !grouping.accepts(incident, now)) {
                departed.add(incidentId);
                return false;
            }
            return true;
        });
        departed.forEach(this::forget);
        if (match == null) {
            return new Placement(null, Map.of(), "", List.of());
        }
        Map<String, String> reason = new LinkedHashMap<>();
        reason.put("method", "i");
        reason.put("score", score(match.score()));
        reason.put("threshold", score(grouping.scoreThreshold()));
        reason.put("matched_alert_id", state.openIncident(match.incidentId()).firstAlertId());
        match.fieldScores().forEach((field, part) -> reason.put("score." + field, score(part)));
        return new Placement(state.openIncident(match.incidentId()), reason, "", List.of());
    }

    private static String score(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }

    private SimilarityIndex similarity(Channel channel) {
        SimilarityIndex index = similarityByChannel.get(channel.channelId());
        if (index == null || !index.keys().equals(channel.grouping().similarityKeys())) {
            index = new SimilarityIndex(channel.grouping().similarityKeys());
            similarityByChannel.put(channel.channelId(), index);
        }
        return index;
    }

    /** Files a new incident, opened by {@code firstAlert}, so later alerts can find it. */
    void file(Channel channel, Incident incident, Alert firstAlert, Placement placement) {
        switch (channel.grouping().method()) {
            case n -> { }
            case p -> {
                for (String key : placement.ruleKeys()) {
                    incidentByRuleKey.put(key, incident.incidentId());
                }
                ruleKeysOfIncident.put(incident.incidentId(), placement.ruleKeys());
            }
            case i -> {
                similarity(channel).add(incident.incidentId(), firstAlert);
                similarityChannelOfIncident.put(incident.incidentId(), channel.channelId());
            }
        }
    }

    /**
     * Files an open incident found in the store, one of a channel whose grouping changed, or one reopened. Under
     * rule-based grouping a key that another open incident holds stays with the newer of the two (ids grow with
     * time), so filing in any order leaves each key where filing every open incident oldest first would.
     */
    void refile(Channel channel, Incident incident, Alert firstAlert) {
        forget(incident.incidentId());
        if (channel.grouping().method() != GroupMethod.p) {
            file(channel, incident, firstAlert, null);
            return;
        }
        List<String> keys = ruleKeys(channel, firstAlert).stream().map(RuleKey::key).toList();
        for (String key : keys) {
            incidentByRuleKey.merge(key, incident.incidentId(),
                    (held, refiled) -> held.compareTo(refiled) > 0 ? held : refiled);
        }
        ruleKeysOfIncident.put(incident.incidentId(), keys);
    }

    /** The incident takes no more alerts (closed, merged away, removed, past its window or full). */
    void forget(String incidentId) {
        List<String> keys = ruleKeysOfIncident.remove(incidentId);
        if (keys != null) {
            for (String key : keys) {
                incidentByRuleKey.remove(key, incidentId);
            }
        }
        Long channelId = similarityChannelOfIncident.remove(incidentId);
        if (channelId != null) {
            similarityByChannel.get(channelId).remove(incidentId);
        }
    }

    /** A channel's grouping changed: drop what was filed under the old settings. */
    void forgetChannel(long channelId, Iterable<Incident> openIncidents) {
        for (Incident incident : openIncidents) {
            if (incident.channelId() == channelId) {
                forget(incident.incidentId());
            }
        }
        similarityByChannel.remove(channelId);
    }
}
