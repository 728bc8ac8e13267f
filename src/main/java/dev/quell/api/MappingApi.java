package dev.quell.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.engine.MappingTable;
import dev.quell.http.ApiError;
import dev.quell.shard.ObjectIds;
import dev.quell.shard.ShardWriter;
import dev.quell.store.Catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code /enrichment/mapping/schema/*}: mapping tables for label enhancement, and {@code /enrichment/mapping/data/upsert}
 * (Quell's own: Flashduty's console uploads the rows as a file) to replace a table's rows. Each change is stored,
 * then handed to the shard writer.
 */
final class MappingApi {
    private static final int MAX_NAME = 39;
    private static final String LABEL_NAME = "[A-Za-z0-9_.\\-]{1,128}";

    private final Catalog catalog;
    private final ShardWriter writer;
    private final LongSupplier clock;
    private final ObjectIds ids = new ObjectIds();

    MappingApi(Catalog catalog, ShardWriter writer, LongSupplier clock) {
        this.catalog = catalog;
        this.writer = writer;
        this.clock = clock;
    }

    Object create(Params p) {
        String name = name(p.requiredString("schema_name"));
        List<String> sources = labels(p, "source_labels", 3);
        List<String> results = labels(p, "result_labels", 10);
        if (sources.stream().anyMatch(results::contains)) {
            throw ApiError.invalid("source_labels and result_labels must not share a label");
        }
        long now = clock.getAsLong();
        MappingTable table = new MappingTable(ids.nextId(now), name, RuleFields.description(p, ""), sources, results, Map.of(),
                now, now);
        save(table);
        return Map.of("schema_id", table.schemaId(), "schema_name", table.schemaName());
    }

    Object update(Params p) {
        MappingTable current = existing(p);
        String name = p.optionalString("schema_name");
        save(new MappingTable(current.schemaId(), name == null ? current.schemaName() : name(name),
                RuleFields.description(p, current.description()), current.sourceLabels(), current.resultLabels(), current.rows(),
                current.createdAt(), clock.getAsLong()));
        return Map.of();
    }

    /** A table an integration's enrichment still looks up cannot go: its steps would silently do nothing. */
    Object delete(Params p) {
        MappingTable current = existing(p);
        List<Long> users = catalog.integrationsUsing(current.schemaId());
        if (!users.isEmpty()) {
            throw ApiError.invalid("mapping table " + current.schemaId() + " is used by the enrichment of integration(s) "
                    + users + "; remove those steps first");
        }
        catalog.deleteMappingTable(current.schemaId());
        OpenApiRoutes.await(writer.submit(new MappingTable(current.schemaId(), "", "", List.of(), List.of(), Map.of(),
                current.createdAt(), clock.getAsLong())));
        return Map.of();
    }

    Object info(Params p) {
        return view(existing(p));
    }

    Object list(Params p) {
        List<Object> items = catalog.mappingTables().stream().map(table -> (Object) view(table)).toList();
        return Map.of("total", items.size(), "items", items);
    }

    /**
     * Replaces the table's rows: each row an object of label values, every source label required, result labels
     * optional (empty when left out). Two rows with the same source values are refused.
     */
    Object upsertRows(Params p) {
        MappingTable current = existing(p);
        JsonNode rows = p.raw("rows");
        if (rows == null || !rows.isArray() || rows.size() > MappingTable.MAX_ROWS) {
            throw ApiError.invalid("rows must be an array of at most " + MappingTable.MAX_ROWS + " objects of label "
                    + "values");
        }
        Map<List<String>, List<String>> table = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            List<String> source = new ArrayList<>();
            for (String label : current.sourceLabels()) {
                JsonNode value = row.get(label);
                if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                    throw ApiError.invalid("rows[" + i + "]." + label + " is required: a source label's value");
                }
                source.add(value.asText());
            }
            List<String> result = new ArrayList<>();
            for (String label : current.resultLabels()) {
                result.add(row.path(label).asText(""));
            }
            if (table.put(List.copyOf(source), List.copyOf(result)) != null) {
                throw ApiError.invalid("rows[" + i + "] repeats the source values " + source);
            }
        }
        save(current.withRows(table, clock.getAsLong()));
        return Map.of("row_cnt", table.size());
    }

    private Map<String, Object> view(MappingTable table) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schema_id", table.schemaId());
        out.put("schema_name", table.schemaName());
        out.put("description", table.description());
        out.put("source_labels", table.sourceLabels());
        out.put("result_labels", table.resultLabels());
        out.put("row_cnt", table.rows().size());
        out.put("status", "enabled");
        out.put("team_id", 0);
        out.put("creator_id", 0);
        out.put("updated_by", 0);
        out.put("created_at", table.createdAt());
        out.put("updated_at", table.updatedAt());
        return out;
    }

    private void save(MappingTable table) {
        catalog.saveMappingTable(table);
        OpenApiRoutes.await(writer.submit(table));
    }

    private MappingTable existing(Params p) {
        String id = p.requiredString("schema_id");
        Params.requireObjectId("schema_id", id);
        return catalog.mappingTable(id).orElseThrow(() -> ApiError.invalid("schema_id " + id + " does not exist"));
    }

    private static String name(String name) {
        String trimmed = name.trim();
        if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > MAX_NAME) {
            throw ApiError.invalid("schema_name must be 1 to " + MAX_NAME + " characters");
        }
        return trimmed;
    }

    private static List<String> labels(Params p, String field, int max) {
        List<String> labels = p.stringList(field);
        if (labels.isEmpty() || labels.size() > max || labels.stream().distinct().count() != labels.size()) {
            throw ApiError.invalid(field + " must name 1 to " + max + " distinct labels");
        }
        labels.forEach(label -> {
            if (!label.matches(LABEL_NAME)) {
                throw ApiError.invalid(field + ": \"" + label + "\" is not a label name");
            }
        });
        return List.copyOf(labels);
    }
}
