package dev.quell.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A WHERE clause built from optional filters, with its parameters kept beside it. */
final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    void and(String condition, Object... values) {
        conditions.add(condition);
        parameters.addAll(List.of(values));
    }

    /** {@code column IN (...)}; an empty or null list adds nothing (no filter). */
    void in(String column, Collection<?> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        conditions.add(column + " IN (" + String.join(",", java.util.Collections.nCopies(values.size(), "?")) + ")");
        parameters.addAll(values);
    }

    private String clause() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    long count(Connection connection, String select) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(select + clause())) {
            bind(s);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** {@code select} (which names a key column and a count) under these conditions, grouped by {@code groupBy}. */
    java.util.Map<String, Long> countBy(Connection connection, String select, String groupBy) throws SQLException {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        try (PreparedStatement s = connection.prepareStatement(select + clause() + " GROUP BY " + groupBy)) {
            bind(s);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    /** These conditions and parameters, to extend without changing this one. */
    Where copy() {
        Where copy = new Where();
        copy.conditions.addAll(conditions);
        copy.parameters.addAll(parameters);
        return copy;
    }

    PreparedStatement prepare(Connection connection, String select, String orderBy, long offset, int limit)
            throws SQLException {
        return prepareCut(connection, select + clause() + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?", offset,
                limit);
    }

    /**
     * {@code select} for the rows whose {@code key} is among those of {@code from} that these conditions keep, ordered
     * by {@code orderBy} and cut to {@code limit} from {@code offset}: the page is picked before {@code select}'s
     * joins read anything for it.
     */
    PreparedStatement preparePage(Connection connection, String select, String key, String from, String orderBy,
                                  long offset, int limit) throws SQLException {
        return prepareCut(connection, select + " WHERE " + key + " IN (SELECT " + key + " FROM " + from + clause()
                + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?) ORDER BY " + orderBy, offset, limit);
    }

    /** {@code sql}, whose only placeholders are these conditions' and then a LIMIT and an OFFSET, with all bound. */
    private PreparedStatement prepareCut(Connection connection, String sql, long offset, int limit)
            throws SQLException {
        PreparedStatement s = connection.prepareStatement(sql);
        int next = bind(s);
        s.setInt(next++, limit);
        s.setLong(next, offset);
        return s;
    }

    private int bind(PreparedStatement s) throws SQLException {
        int i = 1;
        for (Object parameter : parameters) {
            s.setObject(i++, parameter);
        }
        return i;
    }
}
