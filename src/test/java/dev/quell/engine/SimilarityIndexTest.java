package dev.quell.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SimilarityIndexTest {
    private static final List<String> KEYS = List.of("title", "labels.service");

    private static Alert alert(String title, String service) {
        return new Alert("a", 10, 1, "k", title, title, "", Severity.Warning, Severity.Warning, 0, 0, 0, 0,
                Map.of("service", service), List.of(), 1, false, null, 0, 0);
    }

    private static String id(int n) {
        return String.format("%024x", n);
    }

    /** Many incidents whose titles share every word but one, the name of the host. */
    private static SimilarityIndex crowded(int incidents) {
        SimilarityIndex index = new SimilarityIndex(KEYS);
        for (int n = 0; n < incidents; n++) {
            index.add(id(n), alert("cpu idle low on host" + n, "engine"));
        }
        return index;
    }

    @Test
    void anAlertFindsTheIncidentItSharesARareTokenWithAmongManyAlike() {
        SimilarityIndex index = crowded(2 * SimilarityIndex.COMMON_TOKEN_HOLDERS);

        SimilarityIndex.Match match = index.best(alert("cpu idle low on host77", "engine"), id -> true);

        assertThat(match.incidentId()).isEqualTo(id(77));
        assertThat(match.score()).isEqualTo(1.0);
        assertThat(match.fieldScores()).containsEntry("title", 1.0).containsEntry("labels.service", 1.0);
    }

    @Test
    void anAlertMadeOnlyOfCommonTokensIsComparedWithTheHoldersOfItsLeastCommonOne() {
        SimilarityIndex index = crowded(2 * SimilarityIndex.COMMON_TOKEN_HOLDERS);
        index.add(id(9999), alert("cpu idle low", "engine"));

        SimilarityIndex.Match match = index.best(alert("cpu idle low", "engine"), id -> true);

        assertThat(match.incidentId()).isEqualTo(id(9999));
        assertThat(match.score()).isEqualTo(1.0);
    }

    @Test
    void ineligibleIncidentsAreSkippedAndTiesGoToTheNewer() {
        SimilarityIndex index = new SimilarityIndex(KEYS);
        index.add(id(1), alert("disk full", "db"));
        index.add(id(2), alert("disk full", "db"));
        index.add(id(3), alert("disk full", "db"));

        assertThat(index.best(alert("disk full", "db"), id -> true).incidentId()).isEqualTo(id(3));
        assertThat(index.best(alert("disk full", "db"), id -> !id.equals(id(3))).incidentId()).isEqualTo(id(2));
        index.remove(id(2));
        assertThat(index.best(alert("disk full", "db"), id -> !id.equals(id(3))).incidentId()).isEqualTo(id(1));
        assertThat(index.best(alert("certificate expired", "gateway"), id -> true)).isNull();
    }
}
