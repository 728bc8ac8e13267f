package dev.quell.engine;

import java.util.Map;

/**
 * What people handle. {@code severity} is the highest among its active alerts (kept as it was once all
 * recovered); {@code status} is that severity while any alert is active and {@code Ok} after. Title and labels
 * come from the first alert ({@code firstAlertId}); the labels follow that alert's as they change.
 * {@code dedupKey} says what its alerts share under rule-based grouping (the dimensions and values, e.g.
 * {@code labels.host=web-1}); {@code lastMergeTime} is when an alert last joined it (its opening at first), from which
 * a sliding grouping window counts. Its last time, event count ({@code alertEventCnt}) and update time are its
 * {@link Activity}, which a repeat of one of its alerts moves in place.
 */
public record Incident(
        String incidentId,
        long channelId,
        String num,
        String title,
        String description,
        Severity severity,
        Severity status,
        Progress progress,
        long startTime,
        long endTime,
        long ackTime,
        long closeTime,
        Map<String, String> labels,
        String firstAlertId,
        GroupMethod groupMethod,
        long alertCnt,
        long activeAlertCnt,
        boolean everMuted,
        long createdAt,
        String rootCause,
        String resolution,
        long snoozedBefore,
        String dedupKey,
        long lastMergeTime,
        Activity activity) {

    /** An incident with its times and counters as values, as the store reads it or a change makes it. */
    public Incident(String incidentId, long channelId, String num, String title, String description,
                    Severity severity, Severity status, Progress progress, long startTime, long lastTime, long endTime,
                    long ackTime, long closeTime, Map<String, String> labels, String firstAlertId,
                    GroupMethod groupMethod, long alertCnt, long activeAlertCnt, long alertEventCnt, boolean everMuted,
                    long createdAt, long updatedAt, String rootCause, String resolution, long snoozedBefore,
                    String dedupKey, long lastMergeTime) {
        this(incidentId, channelId, num, title, description, severity, status, progress, startTime, endTime, ackTime,
                closeTime, labels, firstAlertId, groupMethod, alertCnt, activeAlertCnt, everMuted, createdAt,
                rootCause, resolution, snoozedBefore, dedupKey, lastMergeTime,
                new Activity(lastTime, alertEventCnt, updatedAt));
    }

    public long lastTime() {
        return activity.lastTime();
    }

    /** The events of all its alerts. */
    public long alertEventCnt() {
        return activity.eventCnt();
    }

    public long updatedAt() {
        return activity.updatedAt();
    }

    /** The short id people say aloud: the last six hex digits of the id, upper case. */
    public static String numOf(String incidentId) {
        return incidentId.substring(incidentId.length() - 6).toUpperCase(java.util.Locale.ROOT);
    }

    public boolean isOpen() {
        return progress != Progress.Closed;
    }

    static Incident openedBy(String incidentId, Alert alert, GroupMethod groupMethod, String dedupKey,
                             boolean muted, long now) {
        return new Incident(incidentId, alert.channelId(), numOf(incidentId), alert.title(), alert.description(),
                alert.severity(), alert.status(), Progress.Triggered, alert.startTime(), alert.lastTime(), 0, 0, 0,
                alert.labels(), alert.alertId(), groupMethod, 1, 1, 1, muted, now, now, "", "", 0, dedupKey, now);
    }

    static Incident openedByHand(String incidentId, ManualIncident manual, long now) {
        return new Incident(incidentId, manual.channelId(), numOf(incidentId), manual.title(), manual.description(),
                manual.severity(), manual.severity(), Progress.Triggered, now, now, 0, 0, 0, Map.of(), "",
                GroupMethod.n, 0, 0, 0, false, now, now, "", "", 0, "", now);
    }

    /**
     * Whether this incident differs from {@code before} only in its times and counters (last time, alert counts,
     * event count, last merge, update time): what a repeat of one of its alerts, or an alert joining it, usually
     * moves.
     */
    boolean movedOnlyTalliesSince(Incident before) {
        return title.equals(before.title) && description.equals(before.description) && severity == before.severity
                && status == before.status && progress == before.progress && endTime == before.endTime
                && ackTime == before.ackTime && closeTime == before.closeTime
                && Labels.sameInOrder(labels, before.labels)
                && everMuted == before.everMuted && rootCause.equals(before.rootCause)
                && resolution.equals(before.resolution) && snoozedBefore == before.snoozedBefore;
    }

    /**
     * A copy of this incident to change some fields of, updated at {@code now}. Identity, origin and creation never
     * change, so they are not in it.
     */
    private static final class Change {
        private final Incident from;
        private final long now;
        String title;
        String description;
        Severity severity;
        Severity status;
        Progress progress;
        long lastTime;
        long endTime;
        long ackTime;
        long closeTime;
        Map<String, String> labels;
        long alertCnt;
        long activeAlertCnt;
        long alertEventCnt;
        String rootCause;
        String resolution;
        long snoozedBefore;
        boolean everMuted;
        long lastMergeTime;

        Change(Incident from, long now) {
            this.from = from;
            this.now = now;
            title = from.title;
            description = from.description;
            severity = from.severity;
            status = from.status;
            progress = from.progress;
            lastTime = from.lastTime();
            endTime = from.endTime;
            ackTime = from.ackTime;
            closeTime = from.closeTime;
            labels = from.labels;
            alertCnt = from.alertCnt;
            activeAlertCnt = from.activeAlertCnt;
            alertEventCnt = from.alertEventCnt();
            rootCause = from.rootCause;
            resolution = from.resolution;
            snoozedBefore = from.snoozedBefore;
            everMuted = from.everMuted;
            lastMergeTime = from.lastMergeTime;
        }

        Incident done() {
            return new Incident(from.incidentId, from.channelId, from.num, title, description, severity, status,
                    progress, from.startTime, lastTime, endTime, ackTime, closeTime, labels, from.firstAlertId,
                    from.groupMethod, alertCnt, activeAlertCnt, alertEventCnt, everMuted, from.createdAt, now,
                    rootCause, resolution, snoozedBefore, from.dedupKey, lastMergeTime);
        }
    }

    private Change change(long now) {
        return new Change(this, now);
    }

    /**
     * Whether one more event of {@code alert}, a repeat counted in place on the alert, changes nothing but this
     * incident's activity: its status is its severity, as {@link #withAlertActivity} with an unchanged severity would
     * leave it, and its labels are already what that alert gives it.
     */
    boolean takesRepeatInPlace(Alert alert) {
        return status == severity && Labels.sameInOrder(labelsAfter(alert), labels);
    }

    /** One more event of one of its alerts, which is still active. */
    Incident withAlertActivity(Alert alert, Severity activeSeverity, long activeAlerts, long now) {
        Change c = change(now);
        c.severity = activeSeverity;
        c.status = activeSeverity;
        c.lastTime = Math.max(lastTime(), alert.lastTime());
        c.labels = labelsAfter(alert);
        c.activeAlertCnt = activeAlerts;
        c.alertEventCnt++;
        return c.done();
    }

    /** A new alert joined by grouping; the title and labels stay the first alert's. */
    Incident joinedBy(Alert alert, Severity activeSeverity, long activeAlerts, long now) {
        Change c = change(now);
        c.severity = activeSeverity;
        c.status = activeSeverity;
        c.lastTime = Math.max(lastTime(), alert.lastTime());
        c.alertCnt++;
        c.activeAlertCnt = activeAlerts;
        c.alertEventCnt++;
        c.lastMergeTime = now;
        return c.done();
    }

    /** An alert moved out by hand; the counts and severity of what is left. */
    Incident losing(Alert alert, Severity activeSeverity, long activeAlerts, long now) {
        Change c = change(now);
        c.alertCnt--;
        c.alertEventCnt -= alert.eventCnt();
        c.activeAlertCnt = activeAlerts;
        if (activeAlerts > 0) {
            c.severity = activeSeverity;
            c.status = activeSeverity;
        }
        return c.done();
    }

    /** An alert moved in by hand: counted, and the severity of its active alerts. */
    Incident gaining(Alert alert, Severity activeSeverity, long activeAlerts, long now) {
        Change c = change(now);
        c.alertCnt++;
        c.alertEventCnt += alert.eventCnt();
        c.activeAlertCnt = activeAlerts;
        c.lastTime = Math.max(lastTime(), alert.lastTime());
        if (activeAlerts > 0) {
            c.severity = activeSeverity;
            c.status = activeSeverity;
        }
        return c.done();
    }

    /** Muted by flapping detection: it stays marked {@code ever_muted}. */
    Incident muted(long now) {
        Change c = change(now);
        c.everMuted = true;
        return c.done();
    }

    private Map<String, String> labelsAfter(Alert alert) {
        return alert.alertId().equals(firstAlertId) ? alert.labels() : labels;
    }

    Incident withEventCounted(long now) {
        Change c = change(now);
        c.alertEventCnt++;
        return c.done();
    }

    /** Every alert recovered, {@code alert} last: the incident recovers and closes by itself. */
    Incident recoveredAndClosed(Alert alert, long now) {
        Change c = lastAlertRecovered(alert, now);
        c.progress = Progress.Closed;
        c.endTime = alert.endTime();
        c.closeTime = now;
        return c.done();
    }

    /** Every alert recovered in a channel that does not auto-close: still open, its status Ok. */
    Incident allAlertsRecovered(Alert alert, long now) {
        return lastAlertRecovered(alert, now).done();
    }

    private Change lastAlertRecovered(Alert alert, long now) {
        Change c = change(now);
        c.status = Severity.Ok;
        c.lastTime = Math.max(lastTime(), alert.endTime());
        c.labels = labelsAfter(alert);
        c.activeAlertCnt = 0;
        c.alertEventCnt++;
        return c;
    }

    /** This incident with the counts of a source merged into it (its alerts now belong here). */
    Incident absorbing(Incident source, long now) {
        Change c = change(now);
        c.lastTime = Math.max(lastTime(), source.lastTime());
        c.alertCnt += source.alertCnt();
        c.alertEventCnt += source.alertEventCnt();
        return c.done();
    }

    /**
     * After a merge: the severity of its active alerts (kept as it was when none is active, as for an incident
     * opened by hand) and, when given, a new title.
     */
    Incident withActiveAlerts(Severity loudest, long active, String title, long now) {
        Change c = change(now);
        c.severity = active > 0 ? loudest : severity;
        c.status = c.severity;
        c.activeAlertCnt = active;
        c.title = title;
        return c.done();
    }

    /** Merged into another: closed, its alerts gone to the target. */
    Incident mergedAway(long now) {
        Change c = change(now);
        c.status = Severity.Ok;
        c.progress = Progress.Closed;
        c.endTime = endTime == 0 ? now : endTime;
        c.closeTime = closeTime == 0 ? now : closeTime;
        c.alertCnt = 0;
        c.activeAlertCnt = 0;
        c.alertEventCnt = 0;
        c.snoozedBefore = 0;
        return c.done();
    }

    /** Someone took it: Processing; the first acknowledgement's time is kept. */
    Incident acknowledged(long now) {
        Change c = change(now);
        c.progress = Progress.Processing;
        c.ackTime = ackTime == 0 ? now : ackTime;
        return c.done();
    }

    Incident unacknowledged(long now) {
        Change c = change(now);
        c.progress = Progress.Triggered;
        c.ackTime = 0;
        return c.done();
    }

    /** Closed by hand: its alerts close with it, so it is Ok; a snooze ends with it. */
    Incident resolvedByHand(String rootCause, String resolution, long now) {
        Change c = change(now);
        c.progress = Progress.Closed;
        c.status = Severity.Ok;
        c.endTime = endTime == 0 ? now : endTime;
        c.closeTime = now;
        c.activeAlertCnt = 0;
        c.rootCause = rootCause;
        c.resolution = resolution;
        c.snoozedBefore = 0;
        return c.done();
    }

    /** Open again, as if just triggered; its old alerts stay closed. */
    Incident reopened(long now) {
        Change c = change(now);
        c.progress = Progress.Triggered;
        c.status = severity;
        c.endTime = 0;
        c.ackTime = 0;
        c.closeTime = 0;
        c.activeAlertCnt = 0;
        c.snoozedBefore = 0;
        return c.done();
    }

    Incident snoozedUntil(long until, long now) {
        Change c = change(now);
        c.snoozedBefore = until;
        return c.done();
    }

    /** Awake again: by hand it keeps its progress; when the snooze runs out it is Triggered again. */
    Incident woken(Progress progress, long now) {
        Change c = change(now);
        c.progress = progress;
        c.ackTime = progress == Progress.Triggered ? 0 : ackTime;
        c.snoozedBefore = 0;
        return c.done();
    }

    /** Fields edited by hand; they stick (later alerts never change the title or description). */
    Incident edited(String title, String description, Severity severity, String rootCause, String resolution,
                    long now) {
        Change c = change(now);
        c.title = title;
        c.description = description;
        c.severity = severity;
        c.status = status.isTrigger() ? severity : status;
        c.rootCause = rootCause;
        c.resolution = resolution;
        return c.done();
    }
}
