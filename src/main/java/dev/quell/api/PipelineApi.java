package dev.quell.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.engine.AlertPipeline;
import dev.quell.engine.Integration;
import dev.quell.shard.ShardWriter;
import dev.quell.store.Catalog;
import dev.quell.store.PipelineJson;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/** {@code /alert/pipeline/upsert|info|list}: an integration's alert pipeline. */
final class PipelineApi extends IntegrationStepsApi<AlertPipeline> {

    PipelineApi(Catalog catalog, ShardWriter writer, LongSupplier clock) {
        super(catalog, writer, clock);
    }

    @Override
    AlertPipeline build(Integration integration, JsonNode rules, long createdAt, long now) {
        return new AlertPipeline(integration.integrationId(), integration.integrationName(), PipelineJson.rules(rules),
                createdAt, now);
    }

    @Override
    Optional<AlertPipeline> stored(long integrationId) {
        return catalog.pipeline(integrationId);
    }

    @Override
    void save(AlertPipeline steps) {
        catalog.savePipeline(steps);
    }

    @Override
    CompletableFuture<AlertPipeline> submit(ShardWriter writer, AlertPipeline steps) {
        return writer.submit(steps);
    }

    @Override
    JsonNode rulesJson(AlertPipeline steps) {
        return PipelineJson.toJson(steps.rules());
    }

    @Override
    long createdAt(AlertPipeline steps) {
        return steps.createdAt();
    }

    @Override
    long updatedAt(AlertPipeline steps) {
        return steps.updatedAt();
    }
}
