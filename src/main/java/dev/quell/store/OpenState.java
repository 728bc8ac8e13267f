package dev.quell.store;

import dev.quell.engine.Alert;
import dev.quell.engine.Channel;
import dev.quell.engine.Incident;
import dev.quell.engine.StoredEvent;

import java.util.List;

/**
 * What a shard writer needs to rebuild its engine state on start. {@code openingEvents}: for each open incident that
 * grouping filed, by incident id, the event that opened its first alert.
 */
public record OpenState(List<Alert> activeAlerts, List<Incident> openIncidents, List<Alert> recentlyRecovered,
                        List<Channel> channels, java.util.Map<String, StoredEvent> openingEvents,
                        List<dev.quell.engine.ChannelRule> rules, List<dev.quell.engine.AlertPipeline> pipelines,
                        List<dev.quell.engine.Enrichment> enrichments,
                        List<dev.quell.engine.MappingTable> mappingTables) {
}
