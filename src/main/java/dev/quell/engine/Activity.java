package dev.quell.engine;

/**
 * What every event moves on an alert, and on its incident: the time of the latest event, the count of events and
 * the update time. It is the one mutable part of {@link Alert} and {@link Incident}: a repeat, the commonest event
 * (a monitor re-sending what still fires), moves nothing else, so the engine counts it here in place
 * ({@link Engine}'s repeat) instead of putting new records into its state.
 *
 * <p>Why in place: the state lives long, so a new record per repeat lived until the next repeat of its alert, seconds
 * later, and the garbage collector copied it out of the young generation, promoted it and later collected it from the
 * old one. Under push-load that was half of the collector's pause time, half of the p99 latency and a fifth of the
 * resident memory (bench/README.md). Only the engine moves an activity, on the writer's thread; other threads read
 * the alerts and incidents the store gives them, never the engine's.
 */
public final class Activity {
    private long lastTime;
    private long eventCnt;
    private long updatedAt;

    Activity(long lastTime, long eventCnt, long updatedAt) {
        this.lastTime = lastTime;
        this.eventCnt = eventCnt;
        this.updatedAt = updatedAt;
    }

    /** The time of the latest event (Unix seconds). */
    public long lastTime() {
        return lastTime;
    }

    /** How many events: of the alert, or of all the incident's alerts. */
    public long eventCnt() {
        return eventCnt;
    }

    /** When the record last changed (Unix seconds, the server's clock). */
    public long updatedAt() {
        return updatedAt;
    }

    /** One more event, of time {@code eventTime}, applied at {@code now}; the last time never moves back. */
    void count(long eventTime, long now) {
        lastTime = Math.max(lastTime, eventTime);
        eventCnt++;
        updatedAt = now;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Activity that && lastTime == that.lastTime && eventCnt == that.eventCnt
                && updatedAt == that.updatedAt;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lastTime) * 961 + Long.hashCode(eventCnt) * 31 + Long.hashCode(updatedAt);
    }

    @Override
    public String toString() {
        return "Activity[lastTime=" + lastTime + ", eventCnt=" + eventCnt + ", updatedAt=" + updatedAt + "]";
    }
}
