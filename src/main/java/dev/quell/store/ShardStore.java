package dev.quell.store;

import dev.quell.engine.ChangeSet;

/** The part of the store a shard writer uses: rebuild its state on start, and commit its batches. */
public interface ShardStore {

    /** Active alerts, open incidents, and alerts that recovered at or after {@code recoveredSince}. */
    OpenState loadOpenState(long recoveredSince);

    /** The incidents with these ids as last committed; ids with no incident are absent from the map. */
    java.util.Map<String, dev.quell.engine.Incident> incidentsById(java.util.Collection<String> incidentIds);

    /** The alerts with these ids as last committed; ids with no alert are absent from the map. */
    java.util.Map<String, dev.quell.engine.Alert> storedAlerts(java.util.Collection<String> alertIds);

    /**
     * Writes a batch atomically; when it returns, the batch survives a crash of this process, and when
     * {@link #commitsNeedSync} is false, everything the store is configured to survive.
     */
    void commit(ChangeSet changes);

    /**
     * Whether a committed batch survives the loss of the machine only once {@link #syncCommitted} has run after its
     * commit. A store that syncs in its commit, or is not asked to survive power loss, answers false.
     */
    default boolean commitsNeedSync() {
        return false;
    }

    /**
     * Makes every batch committed before this call survive the loss of the machine. Called from a thread other than
     * the committing one, while the next batch may be committing.
     */
    default void syncCommitted() {
    }
}
