package dev.quell.engine;

/**
 * Configuration the engine works with, handed over whole each time it changes (after it is stored): a channel's
 * settings, its rules, an integration's enrichment or pipeline steps, a mapping table. It applies from the next
 * input on, in order with events.
 */
public sealed interface Setting extends Input permits Channel, ChannelRules, AlertPipeline, Enrichment, MappingTable {
}
