package dev.quell.engine;

import java.util.List;
import java.util.Map;

/**
 * A mapping table for label enhancement ({@code /enrichment/mapping/*}): rows that map the values of
 * {@code sourceLabels} (in that order) to the values of {@code resultLabels}, for example a CMDB export mapping a
 * host to its owner and team. A {@code mapping} enrichment step looks an event's source label values up in it.
 */
public record MappingTable(String schemaId, String schemaName, String description, List<String> sourceLabels,
                           List<String> resultLabels, Map<List<String>, List<String>> rows, long createdAt,
                           long updatedAt) implements Setting {
    public static final int MAX_ROWS = 100_000;

    public MappingTable {
        sourceLabels = List.copyOf(sourceLabels);
        resultLabels = List.copyOf(resultLabels);
        rows = Map.copyOf(rows);
    }

    public MappingTable withRows(Map<List<String>, List<String>> newRows, long now) {
        return new MappingTable(schemaId, schemaName, description, sourceLabels, resultLabels, newRows, createdAt,
                now);
    }

    /** The result labels' values for these labels, or null when a source label is missing or no row matches. */
    List<String> lookUp(Map<String, String> labels) {
        String[] key = new String[sourceLabels.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = labels.get(sourceLabels.get(i));
            if (key[i] == null) {
                return null;
            }
        }
        return rows.get(List.of(key));
    }
}
