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

    /** Writes a batch atomically; when it returns, the batch survives a crash. */
    void commit(ChangeSet changes);
}
