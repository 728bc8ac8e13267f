package dev.quell.store;

import dev.quell.engine.AlertPipeline;
import dev.quell.engine.Channel;
import dev.quell.engine.Enrichment;
import dev.quell.engine.MappingTable;
import dev.quell.engine.Route;
import dev.quell.engine.ChannelRule;
import dev.quell.engine.ChannelRules;
import dev.quell.engine.Integration;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channels and integrations held in memory in front of the store, so the push path finds an integration by its
 * key without touching the disk. Every change goes through here, to the store first.
 */
public final class Catalog {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final Store store;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Channel> channels = new ConcurrentHashMap<>();
    private final Map<String, ChannelRule> rules = new ConcurrentHashMap<>();
    private final Map<Long, AlertPipeline> pipelines = new ConcurrentHashMap<>();
    private final Map<Long, Enrichment> enrichments = new ConcurrentHashMap<>();
    private final Map<Long, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, MappingTable> mappingTables = new ConcurrentHashMap<>();
    private final Map<Long, Integration> integrationsById = new ConcurrentHashMap<>();
    private final Map<String, Integration> integrationsByKey = new ConcurrentHashMap<>();

    public Catalog(Store store) {
        this.store = store;
        store.channels().forEach(c -> channels.put(c.channelId(), c));
        store.rules().forEach(r -> rules.put(r.ruleId(), r));
        store.pipelines().forEach(p -> pipelines.put(p.integrationId(), p));
        store.enrichments().forEach(e -> enrichments.put(e.integrationId(), e));
        store.routes().forEach(r -> routes.put(r.integrationId(), r));
        store.mappingTables().forEach(t -> mappingTables.put(t.schemaId(), t));
        store.integrations().forEach(this::remember);
    }

    /** A deleted integration stays known by id (its alerts name it) but no longer by its key. */
    private void remember(Integration integration) {
        integrationsById.put(integration.integrationId(), integration);
        if (integration.isDeleted()) {
            integrationsByKey.remove(integration.integrationKey());
        } else {
            integrationsByKey.put(integration.integrationKey(), integration);
        }
    }

    /** The integration that accepts pushes with this key; a deleted integration's key names none. */
    public Optional<Integration> integrationByKey(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(integrationsByKey.get(key));
    }

    public Optional<Integration> integration(long id) {
        return Optional.ofNullable(integrationsById.get(id));
    }

    public Optional<Channel> channel(long id) {
        return Optional.ofNullable(channels.get(id));
    }

    public List<Channel> channels() {
        return sorted(channels.values(), Comparator.comparingLong(Channel::channelId));
    }

    /** Every integration, deleted ones included. */
    public List<Integration> integrations() {
        return sorted(integrationsById.values(), Comparator.comparingLong(Integration::integrationId));
    }

    private static <T> List<T> sorted(Collection<T> values, Comparator<T> order) {
        return values.stream().sorted(order).toList();
    }

    public synchronized Channel createChannel(Channel channel) {
        Channel created = store.createChannel(channel);
        channels.put(created.channelId(), created);
        return created;
    }

    public synchronized Channel updateChannel(Channel channel) {
        Channel updated = store.updateChannel(channel);
        channels.put(updated.channelId(), updated);
        return updated;
    }

    /** The channel's rules of one kind, in the order they are tried (disabled ones included). */
    public <T extends ChannelRule> List<T> rules(long channelId, Class<T> kind) {
        return rules.values().stream().filter(kind::isInstance).map(kind::cast)
                .filter(r -> r.channelId() == channelId).sorted(ChannelRule.ORDER).toList();
    }

    /** Every rule of one kind, of every channel. */
    public <T extends ChannelRule> List<T> rules(Class<T> kind) {
        return rules.values().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public <T extends ChannelRule> Optional<T> rule(String ruleId, Class<T> kind) {
        return Optional.ofNullable(rules.get(ruleId)).filter(kind::isInstance).map(kind::cast);
    }

    public synchronized void saveRule(ChannelRule rule) {
        store.saveRule(rule);
        rules.put(rule.ruleId(), rule);
    }

    public synchronized void deleteRule(ChannelRule rule) {
        store.deleteRule(rule);
        rules.remove(rule.ruleId());
    }

    public Optional<AlertPipeline> pipeline(long integrationId) {
        return Optional.ofNullable(pipelines.get(integrationId));
    }

    public synchronized void savePipeline(AlertPipeline pipeline) {
        store.savePipeline(pipeline);
        pipelines.put(pipeline.integrationId(), pipeline);
    }

    public Optional<MappingTable> mappingTable(String schemaId) {
        return Optional.ofNullable(mappingTables.get(schemaId));
    }

    public List<MappingTable> mappingTables() {
        return sorted(mappingTables.values(), Comparator.comparing(MappingTable::schemaId));
    }

    public synchronized void saveMappingTable(MappingTable table) {
        store.saveMappingTable(table);
        mappingTables.put(table.schemaId(), table);
    }

    public synchronized void deleteMappingTable(String schemaId) {
        store.deleteMappingTable(schemaId);
        mappingTables.remove(schemaId);
    }

    /** The integrations whose enrichment looks up the mapping table. */
    public List<Long> integrationsUsing(String schemaId) {
        return enrichments.values().stream().filter(e -> e.rules().stream()
                .anyMatch(rule -> schemaId.equals(rule.schemaId()))).map(Enrichment::integrationId).sorted().toList();
    }

    /** A shared integration's route, read on the push path. */
    public Optional<Route> route(long integrationId) {
        return Optional.ofNullable(routes.get(integrationId));
    }

    public synchronized void saveRoute(Route route) {
        store.saveRoute(route);
        routes.put(route.integrationId(), route);
    }

    public Optional<Enrichment> enrichment(long integrationId) {
        return Optional.ofNullable(enrichments.get(integrationId));
    }

    public synchronized void saveEnrichment(Enrichment enrichment) {
        store.saveEnrichment(enrichment);
        enrichments.put(enrichment.integrationId(), enrichment);
    }

    /** Everything the engine needs of the channel's rules, for the shard writer. */
    public ChannelRules rules(long channelId) {
        return ChannelRules.of(channelId, rules.values());
    }

    public synchronized Integration createIntegration(String name, long channelId, Integer ratePerSecond,
                                                      Integer ratePerMinute, long now) {
        Integration integration = store.createIntegration(name, channelId, ratePerSecond, ratePerMinute,
                newIntegrationKey(), now);
        remember(integration);
        return integration;
    }

    public synchronized Integration setIntegrationStatus(long integrationId, String status, long now) {
        Integration integration = store.setIntegrationStatus(integrationId, status, now);
        remember(integration);
        return integration;
    }

    /** 128 random bits, hex: unguessable, and safe in a URL as it is. */
    private String newIntegrationKey() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
