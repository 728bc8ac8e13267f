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
        long updatedAt) {

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
                alert.labels(), alert.alertId(), GroupMethod.n, 1, 1, 1, false, now, now);
    }

    Incident withAlertActivity(Alert alert, Severity activeSeverity, long activeAlerts, long now) {
        return new Incident(incidentId, channelId, num, title, description, activeSeverity, activeSeverity,
                progress, startTime, Math.max(lastTime, alert.lastTime()), endTime, ackTime, closeTime,
                labelsAfter(alert), firstAlertId, groupMethod, alertCnt, activeAlerts, alertEventCnt + 1, everMuted,
                createdAt, now);
    }

    private Map<String, String> labelsAfter(Alert alert) {
        return alert.alertId().equals(firstAlertId) ? alert.labels() : labels;
    }

    Incident withEventCounted(long now) {
        return new Incident(incidentId, channelId, num, title, description, severity, status, progress, startTime,
                lastTime, endTime, ackTime, closeTime, labels, firstAlertId, groupMethod, alertCnt, activeAlertCnt,
                alertEventCnt + 1, everMuted, createdAt, now);
    }

    /** Every alert recovered, {@code alert} last: the incident recovers and closes by itself. */
    Incident recoveredAndClosed(Alert alert, long now) {
        return new Incident(incidentId, channelId, num, title, description, severity, Severity.Ok,
                Progress.Closed, startTime, Math.max(lastTime, alert.endTime()), alert.endTime(), ackTime, now,
                labelsAfter(alert), firstAlertId, groupMethod, alertCnt, 0, alertEventCnt + 1, everMuted, createdAt,
                now);
    }
}
