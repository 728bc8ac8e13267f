package dev.quell.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;

/**
 * An {@code INSERT ... VALUES (...), (...), ...} of up to {@link #MAX_ROWS} rows per statement, prepared once per row
 * count: SQLite runs one statement for a batch's rows instead of one per row.
 */
final class MultiRowInsert implements AutoCloseable {
    static final int MAX_ROWS = 64;

    /** Binds one row's values from {@code index} on and answers the next free index. */
    interface Binder<T> {
        int bind(PreparedStatement statement, int index, T row) throws SQLException;
    }

    private final Connection connection;
    private final String head;
    private final String row;
    private final PreparedStatement[] byRows = new PreparedStatement[MAX_ROWS + 1];

    MultiRowInsert(Connection connection, String head, int columns) {
        this.connection = connection;
        this.head = head;
        this.row = "(" + String.join(",", Collections.nCopies(columns, "?")) + ")";
    }

    <T> void write(Collection<T> rows, Binder<T> binder) throws SQLException {
        Iterator<T> next = rows.iterator();
        for (int left = rows.size(); left > 0; left -= MAX_ROWS) {
            int count = Math.min(MAX_ROWS, left);
            PreparedStatement statement = statementFor(count);
            int index = 1;
            for (int i = 0; i < count; i++) {
                index = binder.bind(statement, index, next.next());
            }
            statement.executeUpdate();
        }
    }

    private PreparedStatement statementFor(int count) throws SQLException {
        if (byRows[count] == null) {
            byRows[count] = connection.prepareStatement(head + " VALUES "
                    + String.join(",", Collections.nCopies(count, row)));
        }
        return byRows[count];
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : byRows) {
            if (statement != null) {
                statement.close();
            }
        }
    }
}
