package dev.quell.engine;

import dev.quell.filter.FilterIndex;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Decides what each input does to the alerts and incidents: events ({@link #apply}), people's actions
 * ({@link #act}, {@link #merge}, {@link #create}), settings ({@link #applySetting}) and time passing
 * ({@link #passTime}). Pure: no I/O, no
 * clock (time comes in as {@code now}), no threads; new ids come from the injected {@link IdSource}. It changes the
 * {@link EngineState} it is given and returns the new records for the store to keep.
 *
 * <p>A new alert joins an open incident when its channel groups (see {@link Grouping}) and opens its own otherwise.
 * An incident's severity is the highest of its active alerts'; it closes when they have all recovered (unless its
 * channel disables auto-close).
 */
public final class Engine {
    /** How long a recovery is remembered to tell a late trigger from a new one. */
    public static final long DEFAULT_RECOVERY_MEMORY_SECONDS = 24 * 3600;

    private final IdSource ids;
    private final long recoveryMemorySeconds;

    public Engine(IdSource ids, long recoveryMemorySeconds) {
        this.ids = ids;
        this.recoveryMemorySeconds = recoveryMemorySeconds;
    }

    public Engine(IdSource ids) {
        this(ids, DEFAULT_RECOVERY_MEMORY_SECONDS);
    }

    public long recoveryMemorySeconds() {
        return recoveryMemorySeconds;
    }

    /**
     * Applies one event. Its labels are first enhanced by its integration's enrichment steps; a trigger then goes
     * through the integration's alert pipeline (rewrites, drops), then meets
     * its channel's drop rules, then its silence rules, then, when it would
     * open a new alert, its inhibit rules; recoveries skip them all, so an {@code Ok} always reaches its alert. A
     * silence or inhibition that keeps what it catches lets the event through and marks its alert and incident; the
     * first rule that catches an event is the one that counts.
     */
    public Outcome apply(EngineState state, AlertEvent received, long now) {
        Enrichment enrichment = state.enrichment(received.integrationId());
        AlertEvent event = enrichment == null ? received : enrichment.apply(received, state::mappingTable);
        AlertPipeline pipeline = received.status().isTrigger() ? state.pipeline(received.integrationId()) : null;
        if (pipeline != null) {
            FilterIndex stepIndex = state.pipelineStepIndex(pipeline.integrationId());
            BitSet candidates = stepIndex.candidates(event);
            for (int step = candidates.nextSetBit(0); step >= 0; step = candidates.nextSetBit(step + 1)) {
                PipelineRule rule = pipeline.rules().get(step);
                if (!rule.appliesTo(event)) {
                    continue;
                }
                String stepId = AlertPipeline.stepId(pipeline.integrationId(), step);
                if (rule.kind() == PipelineRule.Kind.alert_drop || rule.kind() == PipelineRule.Kind.alert_inhibit
                        && state.pipelineInhibits(event, stepId, now - InhibitRule.SOURCE_FRESHNESS_SECONDS)) {
                    return Outcome.droppedBy(stepId);
                }
                AlertEvent rewritten = rule.rewrite(event, pipeline.integrationName(), stepId);
                if (rewritten != event) {
                    // A new title, description or severity may bring later steps guarded on it in or rule them out.
                    candidates = stepIndex.candidates(rewritten);
                    event = rewritten;
                }
            }
        }
        ChannelRules rules = event.status().isTrigger() ? state.rules(event.channelId()) : null;
        if (rules == null) {
            return applyKept(state, event, now);
        }
        DropRule drop = state.dropFor(rules, event);
        if (drop != null) {
            return Outcome.droppedBy(drop.ruleId());
        }
        SilenceRule silence = state.silenceFor(rules, event, now);
        if (silence != null) {
            return silence.discard() ? Outcome.droppedBy(silence.ruleId())
                    : marked(state, applyKept(state, event, now), silence.ruleId(), "a_m_silence",
                    Map.of("rule_id", silence.ruleId(), "rule_name", silence.ruleName()), now);
        }
        EngineState.Inhibition inhibition = rules.inhibits().isEmpty() || state.activeAlert(event.key()) != null
                ? null : state.inhibition(event, now - InhibitRule.SOURCE_FRESHNESS_SECONDS);
        if (inhibition == null) {
            return applyKept(state, event, now);
        }
        InhibitRule rule = inhibition.rule();
        return rule.discard() ? Outcome.droppedBy(rule.ruleId())
                : marked(state, applyKept(state, event, now), rule.ruleId(), "a_m_inhibit",
                Map.of("rule_id", rule.ruleId(), "rule_name", rule.ruleName(),
                        "source_alert_id", inhibition.source().alertId()), now);
    }

    /**
     * Marks what a keeping silence or inhibition let through: the alert and its incident become {@code ever_muted};
     * the first time an alert is marked its incident's timeline gets an entry ({@code entryType}) naming the rule.
     */
    private Outcome marked(EngineState state, Outcome outcome, String ruleId, String entryType,
                           Map<String, String> why, long now) {
        if (outcome.alert() == null) {
            return outcome;
        }
        Alert alert = outcome.alert();
        TimelineEntry entry = null;
        if (!alert.everMuted()) {
            alert = alert.muted(now);
            if (alert.isActive()) {
                state.putActiveAlert(alert);
            }
            Map<String, String> detail = new java.util.LinkedHashMap<>();
            detail.put("alert_id", alert.alertId());
            detail.putAll(why);
            entry = new TimelineEntry(ids.nextId(now), alert.incidentId(), entryType, TimelineEntry.SYSTEM, detail,
                    now);
        }
        Incident incident = outcome.incident();
        if (incident != null && !incident.everMuted()) {
            incident = incident.muted(now);
            state.putIncident(incident);
        }
        Outcome marked = new Outcome(outcome.kind(), alert, incident, outcome.storedEvent(), outcome.timeline(),
                outcome.ruleId(), false);
        return marked.silencedBy(ruleId, entry);
    }

    private Outcome applyKept(EngineState state, AlertEvent event, long now) {
        state.forgetRecoveriesSeenBefore(now - recoveryMemorySeconds);
        Alert active = state.activeAlert(event.key());
        if (active == null) {
            if (!event.status().isTrigger() || isLateForLastRecovery(state, event)) {
                return Outcome.nothingToDo();
            }
            return open(state, event, now);
        }
        if (event.eventTime() < active.lastTime()) {
            return stale(state, active, event, now);
        }
        if (event.status().isTrigger()) {
            return active.isRepeatOf(event) ? repeat(state, active, event, now) : update(state, active, event, now);
        }
        return recover(state, active, event, now);
    }

    private static boolean isLateForLastRecovery(EngineState state, AlertEvent event) {
        EngineState.Recovery recovery = state.lastRecovery(event.key());
        return recovery != null && event.eventTime() < recovery.endTime();
    }

    /**
     * A new alert: it joins the open incident its channel's grouping picks, or opens its own. Opening is also a state
     * change for flapping detection.
     */
    private Outcome open(EngineState state, AlertEvent event, long now) {
        Channel channel = state.channel(event.channelId());
        String alertId = ids.nextId(now);
        ValuePool pool = state.values();
        Alert draft = new Alert(alertId, event.channelId(), event.integrationId(), event.alertKey(),
                pool.canonical(event.title()), pool.canonical(event.titleRule()), pool.canonical(event.description()),
                event.status(), event.status(), event.eventTime(), event.eventTime(), 0, 0,
                LabelMap.of(event.labels()).withPooledValues(pool), event.images(), 1, false, null, now, now);
        GroupIndex.Placement placement = state.groups().place(state, channel, draft, now);
        FlapHistory.Verdict flap = flappingChange(state, channel, draft.key(), now);
        List<TimelineEntry> timeline = new ArrayList<>(0);
        Alert alert;
        Incident incident;
        Outcome.Kind kind;
        if (placement.incident() == null) {
            String incidentId = ids.nextId(now);
            alert = draft.movedTo(incidentId, now);
            incident = Incident.openedBy(incidentId, alert, channel.grouping().method(), placement.dedupKey(),
                    mutes(channel, flap), now);
            state.tally(incidentId).add(alert.severity());
            state.groups().file(channel, incident, alert, placement);
            kind = Outcome.Kind.OPENED;
        } else {
            Incident target = placement.incident();
            alert = draft.movedTo(target.incidentId(), now);
            SeverityTally tally = state.tally(target.incidentId());
            tally.add(alert.severity());
            incident = target.joinedBy(alert, tally.loudest(), tally.active(), now);
            if (mutes(channel, flap)) {
                incident = incident.muted(now);
            }
            Map<String, String> detail = new java.util.LinkedHashMap<>();
            detail.put("alert_id", alertId);
            detail.putAll(placement.reason());
            timeline.add(new TimelineEntry(ids.nextId(now), target.incidentId(), "a_merge", TimelineEntry.SYSTEM,
                    detail, now));
            timeline.addAll(stormEntries(channel, target, incident, now));
            kind = Outcome.Kind.JOINED;
        }
        state.putActiveAlert(alert);
        state.putIncident(incident);
        if (flap == FlapHistory.Verdict.STARTED) {
            timeline.add(flappingEntry(channel, incident, now));
        }
        boolean talliesOnly = placement.incident() != null && incident.movedOnlyTalliesSince(placement.incident());
        return new Outcome(kind, alert, incident, StoredEvent.opening(ids.nextId(now), alert, event, now), timeline,
                null, talliesOnly);
    }

    /** Records an alert opening or recovering under the channel's flapping detection. */
    private static FlapHistory.Verdict flappingChange(EngineState state, Channel channel, AlertKey key, long now) {
        if (!channel.flapping().isOn()) {
            return FlapHistory.Verdict.STEADY;
        }
        state.sweepFlapHistories(now - 24 * 3600);
        return state.flapHistory(key).changed(channel.flapping(), now);
    }

    private static boolean mutes(Channel channel, FlapHistory.Verdict flap) {
        return flap == FlapHistory.Verdict.MUTED
                || flap == FlapHistory.Verdict.STARTED && channel.flapping().mode() == Flapping.Mode.silence;
    }

    private TimelineEntry flappingEntry(Channel channel, Incident incident, long now) {
        Flapping flapping = channel.flapping();
        Map<String, String> detail = new java.util.LinkedHashMap<>();
        detail.put("max_changes", Integer.toString(flapping.maxChanges()));
        detail.put("in_mins", Integer.toString(flapping.inMinutes()));
        detail.put("mute_mins", Integer.toString(flapping.mode() == Flapping.Mode.silence ? flapping.muteMinutes() : 0));
        return new TimelineEntry(ids.nextId(now), incident.incidentId(), "i_m_flapping", TimelineEntry.SYSTEM, detail,
                now);
    }

    /** An {@code i_storm} entry for each of the channel's thresholds the incident's alert count crossed. */
    private List<TimelineEntry> stormEntries(Channel channel, Incident before, Incident after, long now) {
        List<TimelineEntry> entries = new ArrayList<>(0);
        for (int threshold : channel.grouping().stormThresholds()) {
            if (before.alertCnt() < threshold && after.alertCnt() >= threshold) {
                entries.add(new TimelineEntry(ids.nextId(now), after.incidentId(), "i_storm", TimelineEntry.SYSTEM,
                        Map.of("threshold", Integer.toString(threshold), "alert_cnt", Long.toString(after.alertCnt())),
                        now));
            }
        }
        return entries;
    }

    /** A repeat that brings only its time is counted in place ({@link Activity}); else new records, as an update. */
    private Outcome repeat(EngineState state, Alert active, AlertEvent event, long now) {
        Incident before = state.openIncident(active.incidentId());
        if (active.takesRepeatInPlace(event) && (before == null || before.takesRepeatInPlace(active))) {
            active.activity().count(event.eventTime(), now);
            if (before != null) {
                before.activity().count(active.lastTime(), now);
            }
            return new Outcome(Outcome.Kind.REPEATED, active, before, null, List.of(), null, true);
        }
        Alert alert = active.withTrigger(event, now);
        state.putActiveAlert(alert);
        Incident incident = before;
        if (before != null) {
            // A repeat moves no severity, so it keeps the incident's (which may have been set by hand).
            incident = before.withAlertActivity(alert, before.severity(), before.activeAlertCnt(), now);
            state.putIncident(incident);
        }
        return new Outcome(Outcome.Kind.REPEATED, alert, incident, null, List.of(), null,
                movedOnlyTallies(active, alert, before, incident));
    }

    private Outcome update(EngineState state, Alert active, AlertEvent event, long now) {
        Alert alert = active.withTrigger(event, now);
        state.putActiveAlert(alert);
        SeverityTally tally = state.tally(alert.incidentId());
        tally.remove(active.severity());
        tally.add(alert.severity());
        Incident incident = touchIncident(state, alert, now);
        return new Outcome(Outcome.Kind.UPDATED, alert, incident, StoredEvent.of(ids.nextId(now), alert.alertId(), event, now));
    }

    private Outcome stale(EngineState state, Alert active, AlertEvent event, long now) {
        Alert alert = active.withStaleEvent(now);
        state.putActiveAlert(alert);
        Incident before = state.openIncident(alert.incidentId());
        Incident incident = before;
        if (before != null) {
            incident = before.withEventCounted(now);
            state.putIncident(incident);
        }
        StoredEvent stored = active.isRepeatOf(event) ? null : StoredEvent.of(ids.nextId(now), alert.alertId(), event, now);
        return new Outcome(Outcome.Kind.STALE, alert, incident, stored, List.of(), null,
                movedOnlyTallies(active, alert, before, incident));
    }

    private static boolean movedOnlyTallies(Alert alertBefore, Alert alert, Incident incidentBefore,
                                            Incident incident) {
        return alert.movedOnlyTalliesSince(alertBefore)
                && (incident == null || incident.movedOnlyTalliesSince(incidentBefore));
    }

    private Outcome recover(EngineState state, Alert active, AlertEvent event, long now) {
        Alert alert = active.withRecovery(event, now);
        Channel channel = state.channel(alert.channelId());
        FlapHistory.Verdict flap = flappingChange(state, channel, alert.key(), now);
        state.removeActiveAlert(alert.key());
        state.rememberRecovery(alert.key(), alert.endTime(), now);
        SeverityTally tally = state.tally(alert.incidentId());
        tally.remove(active.severity());
        Incident incident = state.openIncident(alert.incidentId());
        if (incident != null) {
            if (tally.active() > 0) {
                incident = incident.withAlertActivity(alert, tally.loudest(), tally.active(), now);
            } else if (state.channel(incident.channelId()).disableAutoClose()) {
                incident = incident.allAlertsRecovered(alert, now);
            } else {
                incident = incident.recoveredAndClosed(alert, now);
            }
            if (mutes(channel, flap)) {
                incident = incident.muted(now);
            }
            state.putIncident(incident);
        }
        StoredEvent stored = StoredEvent.of(ids.nextId(now), alert.alertId(), event, now);
        List<TimelineEntry> timeline = flap == FlapHistory.Verdict.STARTED && incident != null
                ? List.of(flappingEntry(channel, incident, now)) : List.of();
        return new Outcome(Outcome.Kind.RECOVERED, alert, incident, stored, timeline);
    }

    /**
     * Applies a person's action to its incidents. Open incidents come from the state; closed ones (for a reopen or a
     * comment) the caller looks up beforehand and passes in {@code closedIncidents}. Every id is checked before
     * anything changes: an unknown one throws {@link UnknownIncident} and the action does nothing. An action that
     * would not change an incident (acknowledging one already in Processing, say) writes no timeline entry for it.
     */
    public ActionOutcome act(EngineState state, IncidentAction action, Map<String, Incident> closedIncidents,
                             long now) {
        List<Incident> targets = resolveIds(state, action.incidentIds(), null, closedIncidents);
        if (action.kind() == IncidentAction.Kind.REMOVE) {
            return remove(state, targets);
        }
        List<Incident> changed = new ArrayList<>();
        List<Alert> closedAlerts = new ArrayList<>();
        List<TimelineEntry> timeline = new ArrayList<>();
        for (Incident incident : targets) {
            Map<String, String> detail = action.detail();
            Incident next = switch (action.kind()) {
                case ACK -> incident.progress() == Progress.Triggered ? incident.acknowledged(now) : null;
                case UNACK -> incident.progress() == Progress.Processing ? incident.unacknowledged(now) : null;
                case RESOLVE -> incident.isOpen() ? resolve(state, incident, action, closedAlerts, now) : null;
                case REOPEN -> incident.isOpen() ? null : incident.reopened(now);
                case COMMENT -> incident;
                case SNOOZE -> incident.isOpen()
                        ? incident.snoozedUntil(now + 60 * Long.parseLong(detail.get("minutes")), now) : null;
                case WAKE -> incident.snoozedBefore() > 0 ? incident.woken(incident.progress(), now) : null;
                case RESET -> edit(incident, detail, now);
                case REMOVE -> throw new IllegalStateException("a removal is handled before this switch");
            };
            if (next == null) {
                continue;
            }
            if (next != incident) {
                state.putIncident(next);
                changed.add(next);
            }
            if (action.kind() == IncidentAction.Kind.REOPEN) {
                state.fileReopened(next);
            }
            if (action.kind() == IncidentAction.Kind.SNOOZE) {
                state.scheduleWake(next);
            }
            if (action.kind() == IncidentAction.Kind.RESET) {
                timeline.addAll(resetEntries(incident, next, action.actor(), now));
            } else {
                timeline.add(new TimelineEntry(ids.nextId(now), incident.incidentId(), action.kind().timelineType(),
                        action.actor(), action.kind() == IncidentAction.Kind.WAKE
                        ? Map.of("snoozedBefore", Long.toString(incident.snoozedBefore())) : detail, now));
            }
        }
        return ActionOutcome.changes(changed, closedAlerts, timeline);
    }

    /**
     * Merges the sources into the target. The target must be open; a source may be closed (the caller passes closed
     * ones in {@code closedIncidents}). The sources' active alerts move now; the store moves their closed ones too.
     */
    public ActionOutcome merge(EngineState state, IncidentMerge merge, Map<String, Incident> closedIncidents,
                               long now) {
        Incident target = state.openIncident(merge.targetId());
        if (target == null) {
            if (closedIncidents.containsKey(merge.targetId())) {
                throw new ActionRefused("target incident " + merge.targetId() + " is closed; reopen it first");
            }
            throw new UnknownIncident(merge.targetId());
        }
        List<Incident> sources = resolveIds(state, merge.sourceIds(), merge.targetId(), closedIncidents);
        List<Incident> changed = new ArrayList<>();
        List<Alert> moved = new ArrayList<>();
        List<TimelineEntry> timeline = new ArrayList<>();
        Map<String, String> alertsMoved = new java.util.LinkedHashMap<>();
        SeverityTally targetTally = state.tally(target.incidentId());
        for (Incident source : sources) {
            SeverityTally sourceTally = state.tally(source.incidentId());
            for (Alert alert : state.activeAlertsOf(source.incidentId())) {
                Alert movedAlert = alert.movedTo(target.incidentId(), now);
                state.putActiveAlert(movedAlert);
                sourceTally.remove(alert.severity());
                targetTally.add(alert.severity());
                moved.add(movedAlert);
            }
            target = target.absorbing(source, now);
            Incident closed = source.mergedAway(now);
            state.putIncident(closed);
            changed.add(closed);
            alertsMoved.put(source.incidentId(), target.incidentId());
            timeline.add(new TimelineEntry(ids.nextId(now), source.incidentId(), "i_merge", merge.actor(),
                    Map.of("target_incident", target.incidentId()), now));
        }
        Incident beforeMerge = state.openIncident(target.incidentId());
        target = target.withActiveAlerts(targetTally.loudest(), targetTally.active(),
                merge.title() == null ? target.title() : merge.title(), now);
        state.putIncident(target);
        changed.add(target);
        timeline.addAll(stormEntries(state.channel(target.channelId()), beforeMerge, target, now));
        Map<String, String> detail = new java.util.LinkedHashMap<>();
        detail.put("source_incidents", String.join(",", alertsMoved.keySet()));
        if (merge.comment() != null) {
            detail.put("comment", merge.comment());
        }
        if (merge.title() != null) {
            detail.put("title", merge.title());
        }
        timeline.add(new TimelineEntry(ids.nextId(now), target.incidentId(), "i_merge", merge.actor(), detail, now));
        return new ActionOutcome(List.of(), changed, moved, timeline, alertsMoved, List.of());
    }

    /**
     * Moves alerts into an open incident by hand. Active alerts come from the state; the others (recovered ones) the
     * caller looks up beforehand and passes in {@code storedAlerts}, with their incidents that are closed in
     * {@code closedIncidents}. An incident left with no alerts closes; one left with none active closes unless its
     * channel disables auto-close. Every id is checked before anything changes.
     */
    public ActionOutcome mergeAlerts(EngineState state, AlertMerge merge, Map<String, Alert> storedAlerts,
                                     Map<String, Incident> closedIncidents, long now) {
        Incident target = state.openIncident(merge.incidentId());
        if (target == null) {
            if (closedIncidents.containsKey(merge.incidentId())) {
                throw new ActionRefused("incident " + merge.incidentId() + " is closed; reopen it first");
            }
            throw new UnknownIncident(merge.incidentId());
        }
        Map<String, Alert> active = state.activeAlertsById(merge.alertIds());
        List<Alert> moving = new ArrayList<>();
        for (String alertId : new LinkedHashSet<>(merge.alertIds())) {
            Alert alert = active.containsKey(alertId) ? active.get(alertId) : storedAlerts.get(alertId);
            if (alert == null) {
                throw new UnknownAlert(alertId);
            }
            if (!alert.incidentId().equals(target.incidentId())) {
                moving.add(alert);
            }
        }
        Map<String, Incident> changed = new java.util.LinkedHashMap<>();
        List<Alert> moved = new ArrayList<>();
        List<TimelineEntry> timeline = new ArrayList<>();
        Incident beforeMerge = target;
        SeverityTally targetTally = state.tally(target.incidentId());
        for (Alert alert : moving) {
            String sourceId = alert.incidentId();
            Incident source = changed.containsKey(sourceId) ? changed.get(sourceId)
                    : state.openIncident(sourceId) != null ? state.openIncident(sourceId) : closedIncidents.get(sourceId);
            Alert movedAlert = alert.movedTo(target.incidentId(), now);
            if (alert.isActive()) {
                state.putActiveAlert(movedAlert);
                targetTally.add(alert.severity());
            }
            moved.add(movedAlert);
            target = target.gaining(alert, targetTally.loudest(), targetTally.active(), now);
            if (source != null) {
                changed.put(sourceId, leftBehind(state, source, alert, now));
            }
            Map<String, String> detail = new java.util.LinkedHashMap<>();
            detail.put("alert_id", alert.alertId());
            detail.put("from_incident", sourceId);
            if (merge.comment() != null) {
                detail.put("comment", merge.comment());
            }
            timeline.add(new TimelineEntry(ids.nextId(now), target.incidentId(), "a_merge", merge.actor(), detail,
                    now));
        }
        if (merge.title() != null) {
            target = target.withActiveAlerts(targetTally.loudest(), targetTally.active(), merge.title(), now);
        }
        for (Incident source : changed.values()) {
            state.putIncident(source);
        }
        state.putIncident(target);
        changed.put(target.incidentId(), target);
        timeline.addAll(stormEntries(state.channel(target.channelId()), beforeMerge, target, now));
        return new ActionOutcome(List.of(), List.copyOf(changed.values()), moved, timeline, Map.of(), List.of());
    }

    /** The source incident after one of its alerts moved out: it closes when nothing (active) is left in it. */
    private static Incident leftBehind(EngineState state, Incident source, Alert alert, long now) {
        if (!source.isOpen()) {
            return source.losing(alert, source.severity(), 0, now);
        }
        SeverityTally tally = state.tally(source.incidentId());
        if (alert.isActive()) {
            tally.remove(alert.severity());
        }
        Incident after = source.losing(alert, tally.loudest(), tally.active(), now);
        if (after.alertCnt() == 0) {
            return after.mergedAway(now);
        }
        if (after.activeAlertCnt() == 0 && source.activeAlertCnt() > 0
                && !state.channel(source.channelId()).disableAutoClose()) {
            return after.resolvedByHand(after.rootCause(), after.resolution(), now);
        }
        return after;
    }

    /**
     * The incidents the ids name, each once and in order (skipping {@code except}): open ones from the state,
     * closed ones from {@code closedIncidents}. Throws {@link UnknownIncident} for the first id that names neither.
     */
    private static List<Incident> resolveIds(EngineState state, List<String> incidentIds, String except,
                                             Map<String, Incident> closedIncidents) {
        List<Incident> found = new ArrayList<>();
        for (String id : new LinkedHashSet<>(incidentIds)) {
            if (id.equals(except)) {
                continue;
            }
            Incident open = state.openIncident(id);
            Incident incident = open != null ? open : closedIncidents.get(id);
            if (incident == null) {
                throw new UnknownIncident(id);
            }
            found.add(incident);
        }
        return found;
    }

    /** Opens an incident by hand: Triggered, with no alerts, so only a person closes it. */
    public ActionOutcome create(EngineState state, ManualIncident manual, long now) {
        String incidentId = ids.nextId(now);
        Incident incident = Incident.openedByHand(incidentId, manual, now);
        state.putIncident(incident);
        return new ActionOutcome(List.of(incident), List.of(), List.of(), List.of(), Map.of(), List.of());
    }

    /**
     * Time passing: open incidents whose snooze ran out wake up, Triggered again (they need someone's attention
     * anew), and open incidents past their channel's auto-resolve timeout close, with their alerts. The shard writer
     * calls this between batches, so it is ordered with events and actions.
     */
    public ActionOutcome passTime(EngineState state, long now) {
        List<Incident> changed = new ArrayList<>();
        List<Alert> closedAlerts = new ArrayList<>();
        List<TimelineEntry> timeline = new ArrayList<>();
        for (Incident due : state.takeSnoozesDueBy(now)) {
            Incident awake = due.woken(Progress.Triggered, now);
            state.putIncident(awake);
            changed.add(awake);
            timeline.add(new TimelineEntry(ids.nextId(now), due.incidentId(), "i_wake", TimelineEntry.SYSTEM,
                    Map.of("snoozedBefore", Long.toString(due.snoozedBefore())), now));
        }
        if (state.anyChannelAutoResolves()) {
            List<Incident> stale = state.openIncidents().stream()
                    .filter(incident -> state.channel(incident.channelId()).autoResolveAt(incident) <= now).toList();
            for (Incident incident : stale) {
                Incident closed = closeWithAlerts(state, incident, incident.rootCause(), incident.resolution(),
                        closedAlerts, now);
                state.putIncident(closed);
                changed.add(closed);
                timeline.add(new TimelineEntry(ids.nextId(now), incident.incidentId(), "i_rslv", TimelineEntry.SYSTEM,
                        Map.of("from", "autorslv"), now));
            }
        }
        return ActionOutcome.changes(changed, closedAlerts, timeline);
    }

    /**
     * A setting as now stored; it applies from the next input on. A channel's new grouping files its open incidents
     * anew; a mapping table with no source labels is a deleted one.
     */
    public void applySetting(EngineState state, Setting setting) {
        if (setting instanceof Channel channel) {
            state.putChannel(channel);
        } else if (setting instanceof ChannelRules rules) {
            state.putRules(rules);
        } else if (setting instanceof AlertPipeline pipeline) {
            state.putPipeline(pipeline);
        } else if (setting instanceof Enrichment enrichment) {
            state.putEnrichment(enrichment);
        } else if (setting instanceof MappingTable table) {
            state.putMappingTable(table);
        }
    }

    /** The incident with the fields a reset names; null when none differs. */
    private static Incident edit(Incident incident, Map<String, String> fields, long now) {
        Incident edited = incident.edited(fields.getOrDefault("title", incident.title()),
                fields.getOrDefault("description", incident.description()),
                fields.containsKey("incident_severity") ? Severity.valueOf(fields.get("incident_severity"))
                        : incident.severity(),
                fields.getOrDefault("root_cause", incident.rootCause()),
                fields.getOrDefault("resolution", incident.resolution()), now);
        return resetEntriesFor(incident, edited).isEmpty() ? null : edited;
    }

    /** Flashduty's entry type for each field a reset can change, in the order entries are written. */
    private static final List<String[]> RESET_FIELDS = List.of(new String[] {"title", "i_r_title"},
            new String[] {"description", "i_r_desc"}, new String[] {"incident_severity", "i_r_severity"},
            new String[] {"root_cause", "i_r_rc"}, new String[] {"resolution", "i_r_rsltn"});

    private static Map<String, String> resettable(Incident incident) {
        return Map.of("title", incident.title(), "description", incident.description(),
                "incident_severity", incident.severity().name(), "root_cause", incident.rootCause(),
                "resolution", incident.resolution());
    }

    /** Field name → entry type, for each field that differs between the two. */
    private static List<String[]> resetEntriesFor(Incident before, Incident after) {
        Map<String, String> from = resettable(before);
        Map<String, String> to = resettable(after);
        return RESET_FIELDS.stream().filter(field -> !from.get(field[0]).equals(to.get(field[0]))).toList();
    }

    private List<TimelineEntry> resetEntries(Incident before, Incident after, String actor, long now) {
        Map<String, String> from = resettable(before);
        Map<String, String> to = resettable(after);
        List<TimelineEntry> entries = new ArrayList<>();
        for (String[] field : resetEntriesFor(before, after)) {
            Map<String, String> detail = field[0].equals("title") || field[0].equals("incident_severity")
                    ? Map.of("from", from.get(field[0]), "to", to.get(field[0])) : Map.of();
            entries.add(new TimelineEntry(ids.nextId(now), before.incidentId(), field[1], actor, detail, now));
        }
        return entries;
    }

    /**
     * Removes the incidents for good. Their active alerts leave the state first, so the next trigger of one of their
     * keys opens a new alert (and a new incident) rather than feeding a deleted one.
     */
    private static ActionOutcome remove(EngineState state, List<Incident> targets) {
        List<String> removed = new ArrayList<>();
        for (Incident incident : targets) {
            state.activeAlertsOf(incident.incidentId()).forEach(alert -> state.removeActiveAlert(alert.key()));
            state.removeIncident(incident.incidentId());
            removed.add(incident.incidentId());
        }
        return new ActionOutcome(List.of(), List.of(), List.of(), List.of(), Map.of(), removed);
    }

    /** Closing by hand closes the incident's active alerts too. */
    private static Incident resolve(EngineState state, Incident incident, IncidentAction action,
                                    List<Alert> closedAlerts, long now) {
        return closeWithAlerts(state, incident, action.detail().getOrDefault("root_cause", incident.rootCause()),
                action.detail().getOrDefault("resolution", incident.resolution()), closedAlerts, now);
    }

    /** Closes the incident and its active alerts (they take no more events). */
    private static Incident closeWithAlerts(EngineState state, Incident incident, String rootCause,
                                            String resolution, List<Alert> closedAlerts, long now) {
        for (Alert alert : state.activeAlertsOf(incident.incidentId())) {
            state.removeActiveAlert(alert.key());
            closedAlerts.add(alert.closedWithIncident(now));
        }
        return incident.resolvedByHand(rootCause, resolution, now);
    }

    private static Incident touchIncident(EngineState state, Alert alert, long now) {
        Incident incident = state.openIncident(alert.incidentId());
        if (incident == null) {
            return null;
        }
        SeverityTally tally = state.tally(alert.incidentId());
        Incident touched = incident.withAlertActivity(alert, tally.loudest(), tally.active(), now);
        state.putIncident(touched);
        return touched;
    }
}
