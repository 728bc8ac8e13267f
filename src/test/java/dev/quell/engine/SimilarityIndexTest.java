package dev.quell.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class SimilarityIndexTest {
    private static final List<String> KEYS = List.of("title", "description", "labels.service");

    private static Alert alert(String title, String description, String service) {
        return new Alert("a", 10, 1, "k", title, title, description, Severity.Warning, Severity.Warning, 0, 0, 0, 0,
                service.isEmpty() ? Map.of() : Map.of("service", service), List.of(), 1, false, null, 0, 0);
    }

    private static String id(int n) {
        return String.format("%024x", n);
    }

    private static String letters(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            out.append((char) ('a' + n % 26));
            n /= 26;
        }
        return out.toString();
    }

    @Test
    void anAlertWithANewWordFindsItsMatchAmongManyIncidentsThatReadAlike() {
        SimilarityIndex index = new SimilarityIndex(KEYS);
        for (int n = 0; n < 600; n++) {
            index.add(id(n), alert("Disk almost full on web-" + letters(n), "/var above 90%", "storage"));
        }

        // title 5 of 7 tokens shared, description and service equal: (5/7 + 1 + 1) / 3 = 0.905
        SimilarityIndex.Match match = index.best(alert("Disk almost full on web-canary", "/var above 90%", "storage"),
                0.8, id -> true);

        assertThat(match).isNotNull();
        assertThat(match.incidentId()).as("equal scores: the newest").isEqualTo(id(599));
        assertThat(match.score()).isCloseTo((5.0 / 7 + 2) / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(match.fieldScores()).containsEntry("description", 1.0).containsEntry("labels.service", 1.0);
    }

    @Test
    void ineligibleIncidentsAreSkippedAndNothingBelowTheThresholdIsReturned() {
        SimilarityIndex index = new SimilarityIndex(KEYS);
        index.add(id(1), alert("disk full", "", "db"));
        index.add(id(2), alert("disk full", "", "db"));
        index.add(id(3), alert("disk full", "", "db"));

        assertThat(index.best(alert("disk full", "", "db"), 0.8, id -> true).incidentId()).isEqualTo(id(3));
        assertThat(index.best(alert("disk full", "", "db"), 0.8, id -> !id.equals(id(3))).incidentId())
                .isEqualTo(id(2));
        index.remove(id(2));
        assertThat(index.best(alert("disk full", "", "db"), 0.8, id -> !id.equals(id(3))).incidentId())
                .isEqualTo(id(1));
        assertThat(index.best(alert("disk full", "", "web"), 0.8, id -> true)).as("0.5 < 0.8").isNull();
        assertThat(index.best(alert("disk full", "", "web"), 0.5, id -> true)).isNotNull();
        assertThat(index.best(alert("certificate expired", "", "gateway"), 0.5, id -> true)).isNull();
    }

    @Test
    void numbersInTitlesAreReadingsButInLabelsTheyNameThings() {
        assertThat(SimilarityIndex.tokens("CPU at 93% on web-02", false)).containsExactly("cpu", "at", "on", "web");
        assertThat(SimilarityIndex.tokens("web-02", true)).containsExactly("web", "02");
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /** The index's answer is the brute-force best over every incident, for random small vocabularies. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theIndexFindsWhatScoringEveryIncidentFinds(long seed) {
        String[] words = {"disk", "full", "cpu", "high", "latency", "errors", "down", "pg", "redis", "kafka"};
        assertTheIndexFindsWhatScoringEveryIncidentFinds(seed, random -> randomAlert(random, words));
    }

    /**
     * The same over alerts that read alike but for a host name, most of them rare and some shared by hundreds of
     * incidents: the search takes the best score of the rarest words' holders as its bar, which must not lose a
     * better or equal (newer) incident that holds only common words.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aBarRaisedByTheRarestWordsLosesNoBetterIncident(long seed) {
        String[] common = {"disk", "full", "on", "host", "cpu", "high"};
        assertTheIndexFindsWhatScoringEveryIncidentFinds(seed, random -> {
            List<String> title = new ArrayList<>();
            for (int i = 0; i < 2 + random.nextInt(3); i++) {
                title.add(common[random.nextInt(common.length)]);
            }
            String host = random.nextInt(4) == 0 ? "shared" + random.nextInt(2) : letters(random.nextInt(400));
            if (random.nextBoolean()) {
                title.add(host);
            }
            return alert(String.join(" ", title), random.nextInt(4) == 0 ? "" : "above limit",
                    random.nextInt(5) == 0 ? host : "storage");
        });
    }

    private static void assertTheIndexFindsWhatScoringEveryIncidentFinds(long seed,
                                                                       java.util.function.Function<Random, Alert> alerts) {
        Random random = new Random(seed);
        SimilarityIndex index = new SimilarityIndex(KEYS);
        Map<String, Alert> incidents = new HashMap<>();
        for (int n = 0; n < 40 + random.nextInt(400); n++) {
            Alert opener = alerts.apply(random);
            index.add(id(n), opener);
            incidents.put(id(n), opener);
        }
        double threshold = 0.5 + random.nextInt(6) / 10.0;
        for (int probe = 0; probe < 20; probe++) {
            Alert alert = alerts.apply(random);
            SimilarityIndex.Match match = index.best(alert, threshold, id -> true);

            SimilarityIndex alone = new SimilarityIndex(KEYS);
            String bestId = null;
            double bestScore = -1;
            for (Map.Entry<String, Alert> incident : incidents.entrySet()) {
                alone.add(incident.getKey(), incident.getValue());
                SimilarityIndex.Match single = alone.best(alert, 0.0, id -> true);
                alone.remove(incident.getKey());
                double score = single == null ? 0 : single.score();
                if (score > bestScore || score == bestScore && incident.getKey().compareTo(bestId) > 0) {
                    bestId = incident.getKey();
                    bestScore = score;
                }
            }
            if (bestScore >= threshold) {
                assertThat(match).as("seed %d probe %d", seed, probe).isNotNull();
                assertThat(match.incidentId()).as("seed %d probe %d", seed, probe).isEqualTo(bestId);
            } else {
                assertThat(match).as("seed %d probe %d: best %.3f", seed, probe, bestScore).isNull();
            }
        }
    }

    private static Alert randomAlert(Random random, String[] words) {
        List<String> title = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
            title.add(words[random.nextInt(words.length)]);
        }
        String description = random.nextBoolean() ? "" : words[random.nextInt(words.length)];
        String service = random.nextInt(3) == 0 ? "" : "svc" + (char) ('a' + random.nextInt(4));
        return alert(String.join(" ", title), description, service);
    }
}
