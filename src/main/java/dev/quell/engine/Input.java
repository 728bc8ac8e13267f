package dev.quell.engine;

/**
 * What a shard writer feeds the engine, in one order: pushed events, people's actions on incidents, and new settings. Serialising them through one writer is what keeps an {@code Ok} and a human "resolve" from racing.
 */
public sealed interface Input permits AlertEvent, AlertMerge, IncidentAction, IncidentMerge, ManualIncident,
        Setting {
}
