package dev.quell.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** An incident snoozed until {@code until}; stale once the incident woke, closed or was snoozed again. */
    record Snooze(long until, String incidentId) {
    }

    /** When a key last recovered ({@code endTime}, event time) and when the engine saw it ({@code seenAt}). */
    record Recovery(long endTime, long seenAt) {
    }

    /** Rebuilds the state from what the store kept. */
    public static EngineState restore(Collection<Alert> activeAlerts, Collection<Incident> openIncidents,
                                      Collection<Alert> recentlyRecovered, Collection<Channel> channels) {
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

    void putActiveAlert(Alert alert) {
        activeAlerts.put(alert.key(), alert);
    }

    void removeActiveAlert(AlertKey key) {
        activeAlerts.remove(key);
    }

    void putIncident(Incident incident) {
        if (incident.isOpen()) {
            openIncidents.put(incident.incidentId(), incident);
        } else {
            openIncidents.remove(incident.incidentId());
            tallies.remove(incident.incidentId());
        }
    }

    public void putChannel(Channel channel) {
        channels.put(channel.channelId(), channel);
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
