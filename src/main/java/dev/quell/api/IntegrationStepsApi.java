package dev.quell.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.engine.Integration;
import dev.quell.http.ApiError;
import dev.quell.shard.ShardWriter;
import dev.quell.store.Catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * {@code upsert}, {@code info} and {@code list} of what an integration applies to its events, step by step
 * (its alert pipeline, its label enhancement): an upsert replaces all steps, is stored, then handed to the shard
 * writer, so the next event goes through the new ones.
 */
abstract class IntegrationStepsApi<T> {
    protected final Catalog catalog;
    private final ShardWriter writer;
    private final LongSupplier clock;

    IntegrationStepsApi(Catalog catalog, ShardWriter writer, LongSupplier clock) {
        this.catalog = catalog;
        this.writer = writer;
        this.clock = clock;
    }

    /** The steps from the request's {@code rules}; throws {@link IllegalArgumentException} naming a bad field. */
    abstract T build(Integration integration, JsonNode rules, long createdAt, long now);

    abstract Optional<T> stored(long integrationId);

    abstract void save(T steps);

    abstract CompletableFuture<T> submit(ShardWriter writer, T steps);

    abstract JsonNode rulesJson(T steps);

    abstract long createdAt(T steps);

    abstract long updatedAt(T steps);

    Object upsert(Params p) {
        Integration integration = integration(p.requiredLong("integration_id"));
        long now = clock.getAsLong();
        T steps;
        try {
            steps = build(integration, p.raw("rules"),
                    stored(integration.integrationId()).map(this::createdAt).orElse(now), now);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
        save(steps);
        OpenApiRoutes.await(submit(writer, steps));
        return Map.of();
    }

    Object info(Params p) {
        return view(integration(p.requiredLong("integration_id")).integrationId());
    }

    Object list(Params p) {
        List<Object> items = new ArrayList<>();
        for (long id : p.longList("integration_ids")) {
            if (stored(id).isPresent()) {
                items.add(view(id));
            }
        }
        return Map.of("items", items);
    }

    private Map<String, Object> view(long integrationId) {
        T steps = stored(integrationId).orElse(null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("integration_id", integrationId);
        out.put("rules", steps == null ? List.of() : rulesJson(steps));
        out.put("status", "enabled");
        out.put("creator_id", 0);
        out.put("updated_by", 0);
        out.put("created_at", steps == null ? 0 : createdAt(steps));
        out.put("updated_at", steps == null ? 0 : updatedAt(steps));
        return out;
    }

    private Integration integration(long id) {
        return OpenApiRoutes.liveIntegration(catalog, id);
    }
}
