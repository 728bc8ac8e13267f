package dev.quell.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.quell.filter.FilterIndex;
import java.util.PriorityQueue;

/**
 * The live picture the engine works on: active alerts by key, open incidents with a tally of their active
 * alerts' severities, and the keys that recovered lately (so a late trigger cannot reopen them). It is owned
 * by one shard writer and rebuilt from the store on start.
 */
public final class EngineState {
    private final Map<AlertKey, Alert> activeAlerts = new HashMap<>();
    private final Map<String, Incident> openIncidents = new HashMap<>();
    private final Map<String, SeverityTally> tallies = new HashMap<>();
    private final LinkedHashMap<AlertKey, Recovery> recentRecoveries = new LinkedHashMap<>();
    private final Map<Long, Channel> channels = new HashMap<>();
    private final PriorityQueue<Snooze> snoozes = new PriorityQueue<>(Comparator.comparingLong(Snooze::until));
    private final GroupIndex groups = new GroupIndex();
    private final ValuePool values = new ValuePool();
    private final Map<Long, ChannelRules> rules = new HashMap<>();
    private final Map<Long, SilencesInEffect> silencesInEffect = new HashMap<>();
    private final Map<Long, DropsIndexed> dropIndexes = new HashMap<>();
    private final Map<Long, InhibitIndex> inhibitIndexes = new HashMap<>();
    private final Map<Long, AlertPipeline> pipelines = new HashMap<>();
    /** Per integration, its pipeline steps' filters indexed in step order. */
    private final Map<Long, FilterIndex> pipelineStepIndexes = new HashMap<>();
    private final Map<Long, Enrichment> enrichments = new HashMap<>();
    private final Map<String, MappingTable> mappingTables = new HashMap<>();
    private final Map<Long, InhibitIndex> pipelineInhibitIndexes = new HashMap<>();
    private final Map<AlertKey, FlapHistory> flapHistories = new HashMap<>();
    private int flapHistoriesAfterSweep;

    /** An incident snoozed until {@code until}; stale once the incident woke, closed or was snoozed again. */
    record Snooze(long until, String incidentId) {
    }

    /** When a key last recovered ({@code endTime}, event time) and when the engine saw it ({@code seenAt}). */
    record Recovery(long endTime, long seenAt) {
    }

    /** Rebuilds the state from what the store kept, with no opening events: see the next method. */
    public static EngineState restore(Collection<Alert> activeAlerts, Collection<Incident> openIncidents,
                                      Collection<Alert> recentlyRecovered, Collection<Channel> channels) {
        return restore(activeAlerts, openIncidents, recentlyRecovered, channels, Map.of());
    }

    /**
     * Rebuilds the state from what the store kept. {@code openingEvents} (by incident id) are the events that opened
     * the grouped incidents' first alerts: grouping files each incident again by the very values it was filed by
     * when it opened, so a restart changes no grouping decision.
     */
    public static EngineState restore(Collection<Alert> activeAlerts, Collection<Incident> openIncidents,
                                      Collection<Alert> recentlyRecovered, Collection<Channel> channels,
                                      Map<String, StoredEvent> openingEvents) {
        EngineState state = new EngineState();
        channels.forEach(state::putChannel);
        for (Incident incident : openIncidents) {
            state.openIncidents.put(incident.incidentId(), incident);
            if (incident.snoozedBefore() > 0) {
                state.snoozes.add(new Snooze(incident.snoozedBefore(), incident.incidentId()));
            }
        }
        for (Alert alert : activeAlerts) {
            state.activeAlerts.put(alert.key(), alert);
            if (alert.incidentId() != null) {
                state.tallies.computeIfAbsent(alert.incidentId(), id -> new SeverityTally()).add(alert.severity());
            }
        }
        recentlyRecovered.stream()
                .sorted(java.util.Comparator.comparingLong(Alert::closeTime))
                .forEach(alert -> state.rememberRecovery(alert.key(), alert.endTime(), alert.closeTime()));
        Map<String, Alert> activeById = state.activeAlertsById(openIncidents.stream()
                .map(Incident::firstAlertId).toList());
        for (Incident incident : oldestFirst(openIncidents)) {
            StoredEvent opening = openingEvents.get(incident.incidentId());
            state.refileForGrouping(incident, opening != null ? openerFrom(opening, incident)
                    : activeById.get(incident.firstAlertId()));
        }
        state.replayFlapping(activeAlerts, recentlyRecovered);
        return state;
    }

    public Alert activeAlert(AlertKey key) {
        return activeAlerts.get(key);
    }

    public Incident openIncident(String incidentId) {
        return openIncidents.get(incidentId);
    }

    public int activeAlertCount() {
        return activeAlerts.size();
    }

    public int openIncidentCount() {
        return openIncidents.size();
    }

    public Collection<Alert> activeAlerts() {
        return java.util.Collections.unmodifiableCollection(activeAlerts.values());
    }

    public Collection<Incident> openIncidents() {
        return java.util.Collections.unmodifiableCollection(openIncidents.values());
    }

    /**
     * The incident's active alerts, by scanning them all: fine at the rate people act on incidents, and it keeps
     * the event path free of a per-incident index.
     */
    List<Alert> activeAlertsOf(String incidentId) {
        return activeAlerts.values().stream().filter(alert -> incidentId.equals(alert.incidentId())).toList();
    }

    /** The active alerts with these ids, by id, found in one scan (for people's actions, not events). */
    Map<String, Alert> activeAlertsById(Collection<String> alertIds) {
        java.util.Set<String> wanted = new java.util.HashSet<>(alertIds);
        Map<String, Alert> found = new HashMap<>();
        for (Alert alert : activeAlerts.values()) {
            if (wanted.contains(alert.alertId())) {
                found.put(alert.alertId(), alert);
            }
        }
        return found;
    }

    /** The ids among these that name no active alert: the ones to look up in the store. */
    public List<String> inactiveAlertIds(List<String> alertIds) {
        Map<String, Alert> active = activeAlertsById(alertIds);
        return alertIds.stream().filter(id -> !active.containsKey(id)).toList();
    }

    void putActiveAlert(Alert alert) {
        Alert previous = activeAlerts.put(alert.key(), alert);
        InhibitIndex byChannel = inhibitIndexes.isEmpty() ? null : inhibitIndexes.get(alert.channelId());
        if (byChannel != null) {
            byChannel.active(previous, alert);
        }
        InhibitIndex byIntegration = pipelineInhibitIndexes.isEmpty() ? null
                : pipelineInhibitIndexes.get(alert.integrationId());
        if (byIntegration != null) {
            byIntegration.active(previous, alert);
        }
    }

    void removeActiveAlert(AlertKey key) {
        Alert removed = activeAlerts.remove(key);
        if (removed == null) {
            return;
        }
        InhibitIndex byChannel = inhibitIndexes.isEmpty() ? null : inhibitIndexes.get(removed.channelId());
        if (byChannel != null) {
            byChannel.inactive(removed);
        }
        InhibitIndex byIntegration = pipelineInhibitIndexes.isEmpty() ? null
                : pipelineInhibitIndexes.get(removed.integrationId());
        if (byIntegration != null) {
            byIntegration.inactive(removed);
        }
    }

    void putIncident(Incident incident) {
        if (incident.isOpen()) {
            openIncidents.put(incident.incidentId(), incident);
        } else {
            openIncidents.remove(incident.incidentId());
            tallies.remove(incident.incidentId());
            groups.forget(incident.incidentId());
        }
    }

    /**
     * A channel's settings. When its grouping changed, its open incidents are filed anew under the new settings, so
     * the next alert groups by them.
     */
    public void putChannel(Channel channel) {
        Channel previous = channels.put(channel.channelId(), channel);
        if (previous != null && !previous.grouping().equals(channel.grouping())) {
            groups.forgetChannel(channel.channelId(), openIncidents.values());
            Map<String, Alert> activeById = activeAlertsById(openIncidents.values().stream()
                    .map(Incident::firstAlertId).toList());
            for (Incident incident : oldestFirst(openIncidents.values())) {
                if (incident.channelId() == channel.channelId()) {
                    refileForGrouping(incident, activeById.get(incident.firstAlertId()));
                }
            }
        }
    }

    /** In the order they opened: filed that way, where two incidents share a grouping key the newer one holds it. */
    private static List<Incident> oldestFirst(Collection<Incident> incidents) {
        return incidents.stream()
                .sorted(Comparator.comparingLong(Incident::createdAt).thenComparing(Incident::incidentId)).toList();
    }

    /** The incident's first alert as its opening event showed it. */
    private static Alert openerFrom(StoredEvent opening, Incident incident) {
        return new Alert(opening.alertId(), opening.channelId(), opening.integrationId(), opening.alertKey(),
                opening.title(), opening.titleRule(), opening.description(), opening.status(), opening.status(),
                opening.eventTime(), opening.eventTime(), 0, 0, opening.labels(), opening.images(), 1, false,
                incident.incidentId(), opening.createdAt(), opening.createdAt());
    }

    /**
     * A reopened incident takes alerts again, as it would after a restart, which files every open incident: by what
     * it kept of its first alert, since closing it closed its alerts.
     */
    void fileReopened(Incident incident) {
        refileForGrouping(incident, null);
    }

    /**
     * Files an open incident for grouping by its first alert, or, when that alert is no longer active, by what the
     * incident kept of it (title, description, severity and labels). Incidents opened by hand have no alert to
     * group by and are left out.
     */
    private void refileForGrouping(Incident incident, Alert firstAlert) {
        Channel channel = channel(incident.channelId());
        if (!channel.grouping().isOn() || incident.firstAlertId().isEmpty()) {
            return;
        }
        Alert opener = firstAlert != null ? firstAlert : new Alert(incident.firstAlertId(), incident.channelId(), 0,
                "", incident.title(), "", incident.description(), incident.severity(), incident.status(),
                incident.startTime(), incident.lastTime(), 0, 0, incident.labels(), List.of(), 0, false,
                incident.incidentId(), incident.createdAt(), incident.updatedAt());
        groups.refile(channel, incident, opener);
    }

    /**
     * Rebuilds the flapping histories from the alerts the store kept: each opened at its {@code createdAt} and each
     * recovered at its {@code closeTime}, replayed in order. The recoveries kept cover a day, the longest flapping
     * window.
     */
    private void replayFlapping(Collection<Alert> active, Collection<Alert> recovered) {
        record Change(AlertKey key, long channelId, long at) {
        }
        List<Change> changes = new ArrayList<>();
        for (Alert alert : active) {
            changes.add(new Change(alert.key(), alert.channelId(), alert.createdAt()));
        }
        for (Alert alert : recovered) {
            changes.add(new Change(alert.key(), alert.channelId(), alert.createdAt()));
            changes.add(new Change(alert.key(), alert.channelId(), alert.closeTime()));
        }
        changes.sort(Comparator.comparingLong(Change::at));
        for (Change change : changes) {
            Flapping flapping = channel(change.channelId()).flapping();
            if (flapping.isOn()) {
                flapHistory(change.key()).changed(flapping, change.at());
            }
        }
    }

    /** A channel's rules; when its inhibit rules changed, their index is rebuilt from the active alerts. */
    void putRules(ChannelRules channelRules) {
        long channelId = channelRules.channelId();
        ChannelRules previous = channelRules.isEmpty() ? rules.remove(channelId) : rules.put(channelId, channelRules);
        List<InhibitRule> before = previous == null ? List.of() : previous.inhibits();
        if (before.equals(channelRules.inhibits())) {
            return;
        }
        if (channelRules.inhibits().isEmpty()) {
            inhibitIndexes.remove(channelId);
            return;
        }
        InhibitIndex index = new InhibitIndex(channelRules.inhibits());
        for (Alert alert : activeAlerts.values()) {
            if (alert.channelId() == channelId) {
                index.active(null, alert);
            }
        }
        inhibitIndexes.put(channelId, index);
    }

    /** A new alert's inhibition: the first rule whose target filters match it, and the source alert it pairs with. */
    record Inhibition(InhibitRule rule, Alert source) {
    }

    /**
     * What inhibits a new alert from this event, or null: the first rule (in order) with a source alert that is
     * active, was seen since {@code freshSince}, and whose incident is not acknowledged.
     */
    Inhibition inhibition(AlertEvent event, long freshSince) {
        InhibitIndex index = inhibitIndexes.get(event.channelId());
        if (index == null) {
            return null;
        }
        for (int r = 0; r < index.rules().size(); r++) {
            Alert source = freshSource(index, r, event, freshSince);
            if (source != null) {
                return new Inhibition(index.rules().get(r), source);
            }
        }
        return null;
    }

    /** Whether the integration's pipeline step {@code stepId} (an inhibit step) inhibits this event. */
    boolean pipelineInhibits(AlertEvent event, String stepId, long freshSince) {
        InhibitIndex index = pipelineInhibitIndexes.get(event.integrationId());
        for (int r = 0; index != null && r < index.rules().size(); r++) {
            if (index.rules().get(r).ruleId().equals(stepId)) {
                return freshSource(index, r, event, freshSince) != null;
            }
        }
        return false;
    }

    /** A source alert of rule {@code r} of the index that pairs with the event and still inhibits, or null. */
    private Alert freshSource(InhibitIndex index, int r, AlertEvent event, long freshSince) {
        InhibitRule rule = index.rules().get(r);
        // Most rules have no active source most of the time: then neither the targets nor the pairing need reading.
        if (!index.hasSources(r) || !rule.targetFilters().matches(event)) {
            return null;
        }
        for (AlertKey sourceKey : index.sources(r, rule.pairingKey(event))) {
            Alert source = activeAlerts.get(sourceKey);
            Incident incident = source == null ? null : openIncidents.get(source.incidentId());
            if (source != null && source.updatedAt() >= freshSince
                    && (incident == null || incident.progress() != Progress.Processing)) {
                return source;
            }
        }
        return null;
    }

    MappingTable mappingTable(String schemaId) {
        return mappingTables.get(schemaId);
    }

    /** A mapping table as now stored; one with no source labels is a deleted one. */
    void putMappingTable(MappingTable table) {
        if (table.sourceLabels().isEmpty()) {
            mappingTables.remove(table.schemaId());
        } else {
            mappingTables.put(table.schemaId(), table);
        }
    }

    Enrichment enrichment(long integrationId) {
        return enrichments.isEmpty() ? null : enrichments.get(integrationId);
    }

    void putEnrichment(Enrichment enrichment) {
        if (enrichment.rules().isEmpty()) {
            enrichments.remove(enrichment.integrationId());
        } else {
            enrichments.put(enrichment.integrationId(), enrichment);
        }
    }

    AlertPipeline pipeline(long integrationId) {
        return pipelines.isEmpty() ? null : pipelines.get(integrationId);
    }

    /** The index of the filters of the integration's pipeline steps, in step order; set with its pipeline. */
    FilterIndex pipelineStepIndex(long integrationId) {
        return pipelineStepIndexes.get(integrationId);
    }

    /**
     * An integration's pipeline, with the index of its steps' filters; its inhibit steps' index is rebuilt from the
     * integration's active alerts.
     */
    void putPipeline(AlertPipeline pipeline) {
        long integrationId = pipeline.integrationId();
        if (pipeline.rules().isEmpty()) {
            pipelines.remove(integrationId);
            pipelineStepIndexes.remove(integrationId);
        } else {
            pipelines.put(integrationId, pipeline);
            pipelineStepIndexes.put(integrationId,
                    new FilterIndex(pipeline.rules().stream().map(PipelineRule::filter).toList()));
        }
        List<InhibitRule> steps = pipeline.inhibitSteps();
        if (steps.isEmpty()) {
            pipelineInhibitIndexes.remove(integrationId);
            return;
        }
        InhibitIndex index = new InhibitIndex(steps);
        for (Alert alert : activeAlerts.values()) {
            if (alert.integrationId() == integrationId) {
                index.active(null, alert);
            }
        }
        pipelineInhibitIndexes.put(integrationId, index);
    }


    /**
     * A channel's silence rules whose window covers {@code at}, worked out once per second, not per event, with the
     * index that finds which of them catches an event.
     */
    private record SilencesInEffect(ChannelRules of, long at, List<SilenceRule> rules, FilterIndex index) {
    }

    /** A channel's drop rules with the index that finds which of them catches an event. */
    private record DropsIndexed(ChannelRules of, FilterIndex index) {
    }

    /** The first of the channel's drop rules (in their order) that catches the event, or null. */
    DropRule dropFor(ChannelRules channelRules, AlertEvent event) {
        if (channelRules.drops().isEmpty()) {
            return null;
        }
        DropsIndexed kept = dropIndexes.get(channelRules.channelId());
        if (kept == null || kept.of() != channelRules) {
            kept = new DropsIndexed(channelRules,
                    new FilterIndex(channelRules.drops().stream().map(DropRule::filters).toList()));
            dropIndexes.put(channelRules.channelId(), kept);
        }
        int first = kept.index().firstMatch(event);
        return first < 0 ? null : channelRules.drops().get(first);
    }

    /**
     * The first of the channel's silence rules in effect at {@code now} (in their order) that catches the event, or
     * null. Deciding whether a weekly window covers a time means zone arithmetic; the writer applies a whole batch
     * at one {@code now}, so which rules are in effect is kept per second, and their index while that set stays.
     */
    SilenceRule silenceFor(ChannelRules channelRules, AlertEvent event, long now) {
        if (channelRules.silences().isEmpty()) {
            return null;
        }
        SilencesInEffect kept = silencesInEffect.get(channelRules.channelId());
        if (kept == null || kept.at() != now || kept.of() != channelRules) {
            List<SilenceRule> inEffect = channelRules.silences().stream().filter(rule -> rule.window().covers(now))
                    .toList();
            FilterIndex index = kept != null && kept.of() == channelRules && kept.rules().equals(inEffect)
                    ? kept.index() : new FilterIndex(inEffect.stream().map(SilenceRule::filters).toList());
            kept = new SilencesInEffect(channelRules, now, inEffect, index);
            silencesInEffect.put(channelRules.channelId(), kept);
        }
        int first = kept.index().firstMatch(event);
        return first < 0 ? null : kept.rules().get(first);
    }

    /** The channel's enabled rules, or null when it has none (the common case, decided by one lookup). */
    ChannelRules rules(long channelId) {
        return rules.get(channelId);
    }

    /** The texts new alerts share (see {@link ValuePool}). */
    ValuePool values() {
        return values;
    }

    GroupIndex groups() {
        return groups;
    }

    /** The key's flapping history, kept only for channels that detect flapping. */
    FlapHistory flapHistory(AlertKey key) {
        FlapHistory history = flapHistories.get(key);
        if (history == null) {
            history = new FlapHistory();
            flapHistories.put(key, history);
        }
        return history;
    }

    /**
     * Drops the histories with nothing after {@code cutoff}; run only when their number doubled since the last
     * sweep, so the cost stays a constant per change.
     */
    void sweepFlapHistories(long cutoff) {
        if (flapHistories.size() < 2 * Math.max(1024, flapHistoriesAfterSweep)) {
            return;
        }
        flapHistories.values().removeIf(history -> history.quietSince(cutoff));
        flapHistoriesAfterSweep = flapHistories.size();
    }

    /** The incident's channel settings; none known (a standalone incident) means the defaults. */
    Channel channel(long channelId) {
        Channel channel = channels.get(channelId);
        return channel != null ? channel : Channel.DEFAULTS;
    }

    boolean anyChannelAutoResolves() {
        return channels.values().stream().anyMatch(c -> c.autoResolveTimeout() > 0);
    }

    void scheduleWake(Incident incident) {
        snoozes.add(new Snooze(incident.snoozedBefore(), incident.incidentId()));
    }

    /** The open incidents whose snooze ran out by {@code now}; their entries leave the schedule. */
    List<Incident> takeSnoozesDueBy(long now) {
        List<Incident> due = new ArrayList<>();
        while (!snoozes.isEmpty() && snoozes.peek().until() <= now) {
            Snooze snooze = snoozes.poll();
            Incident incident = openIncidents.get(snooze.incidentId());
            if (incident != null && incident.snoozedBefore() == snooze.until()) {
                due.add(incident);
            }
        }
        return due;
    }

    void removeIncident(String incidentId) {
        openIncidents.remove(incidentId);
        tallies.remove(incidentId);
        groups.forget(incidentId);
    }

    SeverityTally tally(String incidentId) {
        return tallies.computeIfAbsent(incidentId, id -> new SeverityTally());
    }

    Recovery lastRecovery(AlertKey key) {
        return recentRecoveries.get(key);
    }

    void rememberRecovery(AlertKey key, long endTime, long seenAt) {
        recentRecoveries.remove(key);
        recentRecoveries.put(key, new Recovery(endTime, seenAt));
    }

    void forgetRecoveriesSeenBefore(long cutoff) {
        Iterator<Recovery> oldestFirst = recentRecoveries.values().iterator();
        while (oldestFirst.hasNext() && oldestFirst.next().seenAt() < cutoff) {
            oldestFirst.remove();
        }
    }
}
