package dev.quell.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code search_after_ctx}: following it walks a list once, without skipping or repeating records. */
class CursorPagingTest {
    private static final int ALERTS = 25;

    @TempDir
    static Path data;
    private static RunningQuell quell;
    private static long since;

    @BeforeAll
    static void start() {
        quell = RunningQuell.start(data, 0, 0);
        since = System.currentTimeMillis() / 1000 - 5;
        for (int i = 0; i < ALERTS; i++) {
            assertThat(quell.push("{\"event_status\":\"Warning\",\"alert_key\":\"page-" + i
                    + "\",\"title_rule\":\"paging " + i + "\"}").status()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        quell.close();
    }

    private static String range(String extra) {
        long until = System.currentTimeMillis() / 1000 + 60;
        return "{\"start_time\":" + since + ",\"end_time\":" + until + ",\"limit\":10" + extra + "}";
    }

    /** Follows the cursor from the first page to the last; returns the ids in the order seen. */
    private static List<String> walk(String path, String idField, String extra, Runnable betweenFirstPages) {
        List<String> ids = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            Reply reply = quell.openApi(path, range(extra + (cursor.isEmpty() ? ""
                    : ",\"search_after_ctx\":\"" + cursor + "\"")));
            assertThat(reply.status()).isEqualTo(200);
            JsonNode data = reply.data();
            assertThat(data.path("total").asLong()).as("total counts every match, on every page").isEqualTo(ALERTS);
            data.path("items").forEach(item -> ids.add(item.path(idField).asText()));
            cursor = data.path("search_after_ctx").asText();
            assertThat(data.path("has_next_page").asBoolean()).isEqualTo(!cursor.isEmpty());
            if (pages++ == 0) {
                betweenFirstPages.run();
            }
        } while (!cursor.isEmpty());
        return ids;
    }

    @Test
    void followingTheAlertCursorVisitsEachAlertOnceNewestFirst() {
        List<String> ids = walk("/alert/list", "alert_id", ",\"alert_keys\":" + keys(), () -> { });

        assertThat(ids).hasSize(ALERTS).doesNotHaveDuplicates();
        assertThat(ids).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void ascendingOrderPagesTheOtherWay() {
        List<String> ids = walk("/alert/list", "alert_id", ",\"asc\":true,\"alert_keys\":" + keys(), () -> { });

        assertThat(ids).hasSize(ALERTS).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void orderingByUpdateTimeAlsoPagesWithoutGapsOrRepeats() {
        List<String> ids = walk("/alert/list", "alert_id", ",\"orderby\":\"updated_at\",\"alert_keys\":" + keys(),
                () -> { });

        assertThat(ids).hasSize(ALERTS).doesNotHaveDuplicates();
    }

    @Test
    void anIncidentOpenedBetweenPagesDoesNotShiftTheRest() {
        String firstPage = range(",\"query\":\"shifting\"");
        for (int i = 0; i < 12; i++) {
            quell.push("{\"event_status\":\"Warning\",\"alert_key\":\"shift-" + i + "\",\"title_rule\":\"shifting\"}");
        }
        JsonNode first = quell.openApi("/incident/list", firstPage).data();
        quell.push("{\"event_status\":\"Warning\",\"alert_key\":\"shift-late\",\"title_rule\":\"shifting\"}");

        JsonNode second = quell.openApi("/incident/list", range(",\"query\":\"shifting\",\"search_after_ctx\":\""
                + first.path("search_after_ctx").asText() + "\"")).data();

        List<String> seen = new ArrayList<>();
        first.path("items").forEach(n -> seen.add(n.path("incident_id").asText()));
        second.path("items").forEach(n -> seen.add(n.path("incident_id").asText()));
        assertThat(second.path("total").asLong()).as("the newcomer is counted").isEqualTo(13);
        assertThat(seen).as("but it does not push an incident of page one onto page two").hasSize(12)
                .doesNotHaveDuplicates();
    }

    @Test
    void followingTheIncidentCursorVisitsEachIncidentOnce() {
        List<String> ids = walk("/incident/list", "incident_id", ",\"query\":\"paging\"", () -> { });

        assertThat(ids).hasSize(ALERTS).doesNotHaveDuplicates();
    }

    @Test
    void aCursorThisServerDidNotWriteIsInvalidParameter() {
        Reply reply = quell.openApi("/alert/list", range(",\"search_after_ctx\":\"page-2\""));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidParameter");
        assertThat(reply.errorMessage()).contains("search_after_ctx");
    }

    private static String keys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < ALERTS; i++) {
            keys.add("\"page-" + i + "\"");
        }
        return "[" + String.join(",", keys) + "]";
    }
}
