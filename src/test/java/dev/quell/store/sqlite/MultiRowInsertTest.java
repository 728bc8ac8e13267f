package dev.quell.store.sqlite;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows written as multi-row statements: more than one statement takes all land, and a later write replaces them. */
class MultiRowInsertTest {
    private record Row(String id, long count) {
    }

    @Test
    void rowsBeyondOneStatementAreWrittenInSeveralAndAWriteAgainReplacesThem() throws Exception {
        int rows = 2 * MultiRowInsert.MAX_ROWS + 22;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE tally (id TEXT NOT NULL PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID");
            try (MultiRowInsert insert = new MultiRowInsert(db, "INSERT OR REPLACE INTO tally (id, count)", 2)) {
                insert.write(rows(rows, 1), MultiRowInsertTest::bind);
                assertThat(counts(sql)).hasSize(rows).allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));

                insert.write(rows(3, 7), MultiRowInsertTest::bind);
                Map<String, Long> after = counts(sql);
                assertThat(after).hasSize(rows).containsEntry("row-0", 7L).containsEntry("row-2", 7L)
                        .containsEntry("row-3", 1L).containsEntry("row-" + (rows - 1), 1L);
            }
        }
    }

    private static List<Row> rows(int count, long value) {
        return IntStream.range(0, count).mapToObj(i -> new Row("row-" + i, value)).toList();
    }

    private static int bind(java.sql.PreparedStatement statement, int index, Row row) throws java.sql.SQLException {
        statement.setString(index, row.id());
        statement.setLong(index + 1, row.count());
        return index + 2;
    }

    private static Map<String, Long> counts(Statement sql) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (ResultSet rs = sql.executeQuery("SELECT id, count FROM tally")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}
