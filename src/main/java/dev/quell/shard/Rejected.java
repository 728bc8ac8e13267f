package dev.quell.shard;

/** Why the writer did not take an event: its queue is full, or it is shutting down. */
public final class Rejected extends RuntimeException {
    public enum Reason { QUEUE_FULL, SHUTTING_DOWN }

    private final Reason reason;

    Rejected(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
