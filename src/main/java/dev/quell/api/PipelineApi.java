package dev.quell.api;

import dev.quell.engine.AlertPipeline;
import dev.quell.engine.Integration;
import dev.quell.http.ApiError;
import dev.quell.shard.ShardWriter;
import dev.quell.store.Catalog;
import dev.quell.store.PipelineJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** {@code /alert/pipeline/upsert|info|list}: an integration's alert pipeline. */
final class PipelineApi {
    private final Catalog catalog;
    private final ShardWriter writer;
    private final LongSupplier clock;

    PipelineApi(Catalog catalog, ShardWriter writer, LongSupplier clock) {
        this.catalog = catalog;
        this.writer = writer;
        this.clock = clock;
    }

    /** Replaces the integration's steps (an empty list removes them); the next event goes through the new ones. */
    Object upsert(Params p) {
        Integration integration = integration(p.requiredLong("integration_id"));
        long now = clock.getAsLong();
        AlertPipeline pipeline;
        try {
            pipeline = new AlertPipeline(integration.integrationId(), integration.integrationName(),
                    PipelineJson.rules(p.raw("rules")),
                    catalog.pipeline(integration.integrationId()).map(AlertPipeline::createdAt).orElse(now), now);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
        catalog.savePipeline(pipeline);
        OpenApiRoutes.await(writer.submit(pipeline));
        return Map.of();
    }

    Object info(Params p) {
        Integration integration = integration(p.requiredLong("integration_id"));
        return view(integration.integrationId());
    }

    Object list(Params p) {
        List<Object> items = new ArrayList<>();
        for (long id : p.longList("integration_ids")) {
            if (catalog.pipeline(id).isPresent()) {
                items.add(view(id));
            }
        }
        return Map.of("items", items);
    }

    private Map<String, Object> view(long integrationId) {
        AlertPipeline pipeline = catalog.pipeline(integrationId).orElse(null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("integration_id", integrationId);
        out.put("rules", pipeline == null ? List.of() : PipelineJson.toJson(pipeline.rules()));
        out.put("status", "enabled");
        out.put("creator_id", 0);
        out.put("updated_by", 0);
        out.put("created_at", pipeline == null ? 0 : pipeline.createdAt());
        out.put("updated_at", pipeline == null ? 0 : pipeline.updatedAt());
        return out;
    }

    private Integration integration(long id) {
        return catalog.integration(id).orElseThrow(() -> ApiError.invalid("integration_id " + id + " does not exist"));
    }
}
