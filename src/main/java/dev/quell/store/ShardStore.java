package dev.quell.store;

import dev.quell.engine.ChangeSet;

/** The part of the store a shard writer uses: rebuild its state on start, and commit its batches. */
public interface ShardStore {

    /** Active alerts, open incidents, and alerts that recovered at or after {@code recoveredSince}. */
    OpenState loadOpenState(long recoveredSince);

    /** Writes a batch atomically; when it returns, the batch survives a crash. */
    void commit(ChangeSet changes);
}
