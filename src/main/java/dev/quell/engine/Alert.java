package dev.quell.engine;

import java.util.List;
import java.util.Map;

/**
 * Events with one key merged together. {@code severity} is the latest trigger's; {@code status} is the same
 * while the alert is active and {@code Ok} once it recovered. {@code endTime} is 0 while active. Its last time, event
 * count and update time are its {@link Activity}, which a repeat moves in place.
 */
public record Alert(
        String alertId,
        long channelId,
        long integrationId,
        String alertKey,
        String title,
        String titleRule,
        String description,
        Severity severity,
        Severity status,
        long startTime,
        long endTime,
        long closeTime,
        Map<String, String> labels,
        List<Image> images,
        boolean everMuted,
        String incidentId,
        long createdAt,
        Activity activity) implements AlertFields {

    /** An alert with its times and counters as values, as the store reads it or a change makes it. */
    public Alert(String alertId, long channelId, long integrationId, String alertKey, String title, String titleRule,
                 String description, Severity severity, Severity status, long startTime, long lastTime, long endTime,
                 long closeTime, Map<String, String> labels, List<Image> images, long eventCnt, boolean everMuted,
                 String incidentId, long createdAt, long updatedAt) {
        this(alertId, channelId, integrationId, alertKey, title, titleRule, description, severity, status, startTime,
                endTime, closeTime, labels, images, everMuted, incidentId, createdAt,
                new Activity(lastTime, eventCnt, updatedAt));
    }

    public long lastTime() {
        return activity.lastTime();
    }

    public long eventCnt() {
        return activity.eventCnt();
    }

    public long updatedAt() {
        return activity.updatedAt();
    }

    public boolean isActive() {
        return status.isTrigger();
    }

    @Override
    public String severityName() {
        return severity.name();
    }

    public AlertKey key() {
        return new AlertKey(channelId, integrationId, alertKey);
    }

    /**
     * Whether this alert differs from {@code before} only in what every event moves (its last time, event count and
     * update time). The engine keeps the instances of values that did not change, so this mostly compares
     * references.
     */
    boolean movedOnlyTalliesSince(Alert before) {
        return title.equals(before.title) && titleRule.equals(before.titleRule)
                && description.equals(before.description) && severity == before.severity && status == before.status
                && endTime == before.endTime && closeTime == before.closeTime
                && Labels.sameInOrder(labels, before.labels)
                && images.equals(before.images) && everMuted == before.everMuted
                && java.util.Objects.equals(incidentId, before.incidentId);
    }

    /**
     * Whether a repeat ({@link #isRepeatOf}) changes nothing but this alert's activity: it also brings the same
     * severity, title rule and labels, and no images or the same ones.
     */
    boolean takesRepeatInPlace(AlertEvent event) {
        return event.status() == severity && event.titleRule().equals(titleRule)
                && Labels.sameInOrder(labels, event.labels())
                && (event.images().isEmpty() || event.images().equals(images));
    }

    /** A trigger that brings nothing new: same status, title and description as the alert already shows. */
    boolean isRepeatOf(AlertEvent event) {
        return event.status() == status
                && event.title().equals(title)
                && event.description().equals(description);
    }

    /**
     * The alert after a trigger. Values equal to the current ones keep the current instances: the state lives
     * long, and a repeat that only swaps equal strings and maps would hand the garbage collector a fresh copy of
     * every busy alert to move at each young collection.
     */
    Alert withTrigger(AlertEvent event, long now) {
        return new Alert(alertId, channelId, integrationId, alertKey, same(title, event.title()),
                same(titleRule, event.titleRule()), same(description, event.description()), event.status(),
                event.status(), startTime, event.eventTime(), 0, 0,
                Labels.sameInOrder(labels, event.labels()) ? labels : event.labels(),
                event.images().isEmpty() ? images : same(images, event.images()), eventCnt() + 1, everMuted,
                incidentId, createdAt, now);
    }

    private static <T> T same(T current, T next) {
        return current.equals(next) ? current : next;
    }

    /** A recovery keeps the alert's labels and only adds the keys it did not have. */
    Alert withRecovery(AlertEvent event, long now) {
        Map<String, String> merged = Labels.addMissing(labels, event.labels());
        return new Alert(alertId, channelId, integrationId, alertKey, title, titleRule, description, severity,
                Severity.Ok, startTime, event.eventTime(), event.eventTime(), now, merged, images, eventCnt() + 1,
                everMuted, incidentId, createdAt, now);
    }

    /** Closed with its incident by a person: it takes no more events; the next one opens a new alert. */
    Alert closedWithIncident(long now) {
        return new Alert(alertId, channelId, integrationId, alertKey, title, titleRule, description, severity,
                Severity.Ok, startTime, lastTime(), now, now, labels, images, eventCnt(), everMuted, incidentId,
                createdAt, now);
    }

    /** In another incident: a new alert placed by grouping, or an alert moved by a merge. */
    Alert movedTo(String targetIncidentId, long now) {
        return new Alert(alertId, channelId, integrationId, alertKey, title, titleRule, description, severity,
                status, startTime, lastTime(), endTime, closeTime, labels, images, eventCnt(), everMuted,
                targetIncidentId, createdAt, now);
    }

    /** Silenced by a rule that keeps what it silences: marked for good. */
    Alert muted(long now) {
        return new Alert(alertId, channelId, integrationId, alertKey, title, titleRule, description, severity,
                status, startTime, lastTime(), endTime, closeTime, labels, images, eventCnt(), true, incidentId,
                createdAt, now);
    }

    /** Counted, but too old to change what the alert shows. */
    Alert withStaleEvent(long now) {
        return new Alert(alertId, channelId, integrationId, alertKey, title, titleRule, description, severity,
                status, startTime, lastTime(), endTime, closeTime, labels, images, eventCnt() + 1, everMuted,
                incidentId, createdAt, now);
    }
}
