package dev.quell.store;

import dev.quell.engine.Alert;
import dev.quell.engine.Channel;
import dev.quell.engine.Incident;
import dev.quell.engine.Integration;
import dev.quell.engine.StoredEvent;
import dev.quell.engine.TimelineEntry;

import java.util.List;
import java.util.Optional;

/**
 * Where Quell keeps everything. Alerts, incidents and events are written only through {@link ShardStore#commit},
 * by a shard writer, a batch per transaction. Reads may run on any thread beside the writer.
 * Implementations: SQLite (embedded, the default); PostgreSQL later, behind the same interface.
 */
public interface Store extends ShardStore, AutoCloseable {

    /** Stores a new channel (its id is assigned here) and returns it. */
    Channel createChannel(Channel channel);

    /** Replaces a channel's name, description and settings; returns it as stored. */
    Channel updateChannel(Channel channel);

    List<Channel> channels();

    /** Stores a channel rule of any kind, new or changed (by {@code ruleId}). */
    void saveRule(dev.quell.engine.ChannelRule rule);

    void deleteRule(dev.quell.engine.ChannelRule rule);

    /** Stores an integration's alert pipeline, replacing the one it had. */
    void savePipeline(dev.quell.engine.AlertPipeline pipeline);

    List<dev.quell.engine.AlertPipeline> pipelines();

    /** Stores an integration's label enhancement, replacing the one it had. */
    void saveEnrichment(dev.quell.engine.Enrichment enrichment);

    List<dev.quell.engine.Enrichment> enrichments();

    /** Stores a shared integration's route, replacing the one it had. */
    void saveRoute(dev.quell.engine.Route route);

    List<dev.quell.engine.Route> routes();

    /** Stores a mapping table with its rows, new or changed. */
    void saveMappingTable(dev.quell.engine.MappingTable table);

    void deleteMappingTable(String schemaId);

    List<dev.quell.engine.MappingTable> mappingTables();

    /** Every channel rule, of every kind. */
    List<dev.quell.engine.ChannelRule> rules();

    Integration createIntegration(String name, long channelId, Integer ratePerSecond, Integer ratePerMinute,
                                  String integrationKey, long now);

    /** Sets an integration's status ({@code enabled}, {@code disabled} or {@code deleted}); returns it as stored. */
    Integration setIntegrationStatus(long integrationId, String status, long now);

    List<Integration> integrations();

    /**
     * When each integration last received an event (Unix seconds, the time the writer applied it), by integration
     * id; integrations that never did are absent. Read from the store, not kept in {@link Integration}: the
     * catalog's copies are loaded once and would go stale with every batch.
     */
    java.util.Map<Long, Long> integrationLastEventTimes();

    Page<AlertView> alerts(AlertQuery query);

    Optional<AlertView> alert(String alertId);

    /** The alerts with these ids; ids with no alert are absent. */
    List<AlertView> alertsById(java.util.Collection<String> alertIds);

    List<StoredEvent> alertEvents(String alertId);

    Page<Incident> incidents(IncidentQuery query);

    Optional<Incident> incident(String incidentId);

    Page<AlertView> incidentAlerts(String incidentId, Boolean isActive, int page, int limit);

    /** The incident's stored timeline entries, oldest first. */
    List<TimelineEntry> incidentTimeline(String incidentId);

    /**
     * A page of incidents as {@link #incidents} answers it, with the number matching each severity under the query's
     * other filters; the page's total is the sum of the counts its severities select, so one pass counts both.
     */
    IncidentOverview incidentOverview(IncidentQuery query);

    /** Incidents opened in each of the {@code hours} hours starting at {@code fromHour} (Unix seconds / 3600). */
    long[] incidentsPerHour(long fromHour, int hours);

    /** Events the writer applied in each of the {@code hours} hours starting at {@code fromHour}. */
    long[] eventsPerHour(long fromHour, int hours);

    Optional<ConsoleUser> consoleUser(String username);

    /** Stores a console account, new or with a changed password. */
    void saveConsoleUser(ConsoleUser user);

    boolean hasConsoleUsers();

    @Override
    void close();
}
