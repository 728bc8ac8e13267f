package dev.quell.engine;

import java.util.Map;

/**
 * What people handle. {@code severity} is the highest among its active alerts (kept as it was once all
 * recovered); {@code status} is that severity while any alert is active and {@code Ok} after. Title and labels
 * come from the first alert ({@code firstAlertId}); the labels follow that alert's as they change.
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
        long lastTime,
        long endTime,
        long ackTime,
        long closeTime,
        Map<String, String> labels,
        String firstAlertId,
        GroupMethod groupMethod,
        long alertCnt,
        long activeAlertCnt,
        long alertEventCnt,
        boolean everMuted,
        long createdAt,
        long updatedAt,
        String rootCause,
        String resolution,
        long snoozedBefore) {

    /** The short id people say aloud: the last six hex digits of the id, upper case. */
    public static String numOf(String incidentId) {
        return incidentId.substring(incidentId.length() - 6).toUpperCase(java.util.Locale.ROOT);
    }

    public boolean isOpen() {
        return progress != Progress.Closed;
    }

    static Incident openedBy(String incidentId, Alert alert, long now) {
        return new Incident(incidentId, alert.channelId(), numOf(incidentId), alert.title(), alert.description(),
                alert.severity(), alert.status(), Progress.Triggered, alert.startTime(), alert.lastTime(), 0, 0, 0,
                alert.labels(), alert.alertId(), GroupMethod.n, 1, 1, 1, false, now, now, "", "", 0);
    }

    static Incident openedByHand(String incidentId, ManualIncident manual, long now) {
        return new Incident(incidentId, manual.channelId(), numOf(incidentId), manual.title(), manual.description(),
                manual.severity(), manual.severity(), Progress.Triggered, now, now, 0, 0, 0, Map.of(), "",
                GroupMethod.n, 0, 0, 0, false, now, now, "", "", 0);
    }

    Incident withAlertActivity(Alert alert, Severity activeSeverity, long activeAlerts, long now) {
        return new Incident(incidentId, channelId, num, title, description, activeSeverity, activeSeverity,
                progress, startTime, Math.max(lastTime, alert.lastTime()), endTime, ackTime, closeTime,
                labelsAfter(alert), firstAlertId, groupMethod, alertCnt, activeAlerts, alertEventCnt + 1, everMuted,
                createdAt, now, rootCause, resolution, snoozedBefore);
    }

    private Map<String, String> labelsAfter(Alert alert) {
        return alert.alertId().equals(firstAlertId) ? alert.labels() : labels;
    }

    Incident withEventCounted(long now) {
        return new Incident(incidentId, channelId, num, title, description, severity, status, progress, startTime,
                lastTime, endTime, ackTime, closeTime, labels, firstAlertId, groupMethod, alertCnt, activeAlertCnt,
                alertEventCnt + 1, everMuted, createdAt, now, rootCause, resolution, snoozedBefore);
    }

    /** Every alert recovered, {@code alert} last: the incident recovers and closes by itself. */
    Incident recoveredAndClosed(Alert alert, long now) {
        return new Incident(incidentId, channelId, num, title, description, severity, Severity.Ok,
                Progress.Closed, startTime, Math.max(lastTime, alert.endTime()), alert.endTime(), ackTime, now,
                labelsAfter(alert), firstAlertId, groupMethod, alertCnt, 0, alertEventCnt + 1, everMuted, createdAt,
                now, rootCause, resolution, snoozedBefore);
    }

    /** Every alert recovered in a channel that does not auto-close: still open, its status Ok. */
    Incident allAlertsRecovered(Alert alert, long now) {
        return new Incident(incidentId, channelId, num, title, description, severity, Severity.Ok, progress,
                startTime, Math.max(lastTime, alert.endTime()), endTime, ackTime, closeTime, labelsAfter(alert),
                firstAlertId, groupMethod, alertCnt, 0, alertEventCnt + 1, everMuted, createdAt, now, rootCause,
                resolution, snoozedBefore);
    }

    /** The same incident with its progress-related fields replaced (people's actions change only these). */
    private Incident withProgress(Progress progress, Severity status, long endTime, long ackTime, long closeTime,
                                  long activeAlertCnt, String rootCause, String resolution, long snoozedBefore,
                                  long now) {
        return new Incident(incidentId, channelId, num, title, description, severity, status, progress, startTime,
                lastTime, endTime, ackTime, closeTime, labels, firstAlertId, groupMethod, alertCnt, activeAlertCnt,
                alertEventCnt, everMuted, createdAt, now, rootCause, resolution, snoozedBefore);
    }

    /** This incident with the counts of a source merged into it (its alerts now belong here). */
    Incident absorbing(Incident source, long now) {
        return new Incident(incidentId, channelId, num, title, description, severity, status, progress, startTime,
                Math.max(lastTime, source.lastTime()), endTime, ackTime, closeTime, labels, firstAlertId, groupMethod,
                alertCnt + source.alertCnt(), activeAlertCnt, alertEventCnt + source.alertEventCnt(), everMuted,
                createdAt, now, rootCause, resolution, snoozedBefore);
    }

    /**
     * After a merge: the severity of its active alerts (kept as it was when none is active, as for an incident
     * opened by hand) and, when given, a new title.
     */
    Incident withActiveAlerts(Severity loudest, long active, String title, long now) {
        Severity next = active > 0 ? loudest : severity;
        return new Incident(incidentId, channelId, num, title, description, next, next, progress, startTime,
                lastTime, endTime, ackTime, closeTime, labels, firstAlertId, groupMethod, alertCnt, active,
                alertEventCnt, everMuted, createdAt, now, rootCause, resolution, snoozedBefore);
    }

    /** Merged into another: closed, its alerts gone to the target. */
    Incident mergedAway(long now) {
        return new Incident(incidentId, channelId, num, title, description, severity, Severity.Ok, Progress.Closed,
                startTime, lastTime, endTime == 0 ? now : endTime, ackTime, closeTime == 0 ? now : closeTime, labels,
                firstAlertId, groupMethod, 0, 0, 0, everMuted, createdAt, now, rootCause, resolution, 0);
    }

    /** Someone took it: Processing; the first acknowledgement's time is kept. */
    Incident acknowledged(long now) {
        return withProgress(Progress.Processing, status, endTime, ackTime == 0 ? now : ackTime, closeTime,
                activeAlertCnt, rootCause, resolution, snoozedBefore, now);
    }

    Incident unacknowledged(long now) {
        return withProgress(Progress.Triggered, status, endTime, 0, closeTime, activeAlertCnt, rootCause, resolution,
                snoozedBefore, now);
    }

    /** Closed by hand: its alerts close with it, so it is Ok; a snooze ends with it. */
    Incident resolvedByHand(String rootCause, String resolution, long now) {
        return withProgress(Progress.Closed, Severity.Ok, endTime == 0 ? now : endTime, ackTime, now, 0, rootCause,
                resolution, 0, now);
    }

    /** Open again, as if just triggered; its old alerts stay closed. */
    Incident reopened(long now) {
        return withProgress(Progress.Triggered, severity, 0, 0, 0, 0, rootCause, resolution, 0, now);
    }

    Incident snoozedUntil(long until, long now) {
        return withProgress(progress, status, endTime, ackTime, closeTime, activeAlertCnt, rootCause, resolution,
                until, now);
    }

    /** Awake again: by hand it keeps its progress; when the snooze runs out it is Triggered again. */
    Incident woken(Progress progress, long now) {
        return withProgress(progress, status, endTime, progress == Progress.Triggered ? 0 : ackTime, closeTime,
                activeAlertCnt, rootCause, resolution, 0, now);
    }

    /** Fields edited by hand; they stick (later alerts never change the title or description). */
    Incident edited(String title, String description, Severity severity, String rootCause, String resolution,
                    long now) {
        return new Incident(incidentId, channelId, num, title, description, severity,
                status.isTrigger() ? severity : status, progress, startTime, lastTime, endTime, ackTime, closeTime,
                labels, firstAlertId, groupMethod, alertCnt, activeAlertCnt, alertEventCnt, everMuted, createdAt, now,
                rootCause, resolution, snoozedBefore);
    }
}
