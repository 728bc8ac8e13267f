package dev.quell.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.engine.Enrichment;
import dev.quell.engine.Integration;
import dev.quell.shard.ShardWriter;
import dev.quell.store.Catalog;
import dev.quell.store.EnrichmentJson;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/** {@code /enrichment/upsert|info|list}: an integration's label enhancement. */
final class EnrichmentApi extends IntegrationStepsApi<Enrichment> {

    EnrichmentApi(Catalog catalog, ShardWriter writer, LongSupplier clock) {
        super(catalog, writer, clock);
    }

    /** The steps; a mapping step must name an existing mapping table. */
    @Override
    Enrichment build(Integration integration, JsonNode rules, long createdAt, long now) {
        Enrichment enrichment = new Enrichment(integration.integrationId(), EnrichmentJson.rules(rules), createdAt,
                now);
        for (int i = 0; i < enrichment.rules().size(); i++) {
            String schemaId = enrichment.rules().get(i).schemaId();
            if (!schemaId.isEmpty() && catalog.mappingTable(schemaId).isEmpty()) {
                throw new IllegalArgumentException("rules[" + i + "].settings.schema_id " + schemaId
                        + " is not a mapping table");
            }
        }
        return enrichment;
    }

    @Override
    Optional<Enrichment> stored(long integrationId) {
        return catalog.enrichment(integrationId);
    }

    @Override
    void save(Enrichment steps) {
        catalog.saveEnrichment(steps);
    }

    @Override
    CompletableFuture<Enrichment> submit(ShardWriter writer, Enrichment steps) {
        return writer.submit(steps);
    }

    @Override
    JsonNode rulesJson(Enrichment steps) {
        return EnrichmentJson.toJson(steps.rules());
    }

    @Override
    long createdAt(Enrichment steps) {
        return steps.createdAt();
    }

    @Override
    long updatedAt(Enrichment steps) {
        return steps.updatedAt();
    }
}
