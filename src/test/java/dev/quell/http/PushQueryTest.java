package dev.quell.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.HttpUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link PushQuery} reads what Vert.x's {@code getParam} reads from the same query: the push path used
 * {@code getParam} before, so any difference would change which integration or override a push gets.
 */
class PushQueryTest {
    /** Pieces generated queries are made of: the names in several spellings, separators, escapes good and bad. */
    private static final String[] PIECES = {
            "integration_key", "INTEGRATION_KEY", "Integration_Key", "integration%5Fkey", "integration_ke%79",
            "\u0130ntegration_key", "integration_\u212Aey", "severity", "SeVeRiTy", "sev", "title_rule",
            "title%5frule", "title+rule", "=", "==", "&", ";", "&&", "#", "+", "%20", "%2B", "%26", "%3D", "%C3%A9",
            "%E2%82%AC", "%C3", "%FF%FE", "%zz", "%2", "%", "%%", "Critical", "abc123", "k", "\u00e9", "\u4e2d",
    };

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void readsWhatVertxReadsFromGeneratedQueries(long seed) {
        Random random = new Random(seed);
        StringBuilder query = new StringBuilder();
        int pieces = random.nextInt(14);
        for (int i = 0; i < pieces; i++) {
            query.append(PIECES[random.nextInt(PIECES.length)]);
        }
        assertSameAsVertx(query.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "integration_key=abc", "integration_key=a&integration_key=b",
            "INTEGRATION_KEY=b&integration_key=a", "=integration_key=x", "integration_key", "integration_key=",
            "a=1;integration_key=2", "integration_key=a#b&severity=Info", "integration_key=a%2Bb+c",
            "title_rule=%24host%3A%3A%24check&severity=Critical", "integration_key=caf%C3%A9",
            "integration_key=%C3", "x=%zz&integration_key=a", "integration_key=a&x=%2"})
    void readsWhatVertxReadsFromChosenQueries(String query) {
        assertSameAsVertx(query);
    }

    @Test
    void readsNothingWithoutAQuery() {
        assertThat(PushQuery.parse(null)).isEqualTo(new PushQuery(null, null, null));
    }

    @Test
    void readsNoPairBeyondVertxsLimit() {
        String pairs = "a=1&".repeat(PushQuery.MAX_PAIRS);
        assertSameAsVertx(pairs + "integration_key=late");
        assertSameAsVertx(pairs + "x=%zz");
        assertThat(PushQuery.parse(pairs + "integration_key=late").integrationKey()).isNull();
    }

    @Test
    void refusesAMalformedEscapeInAnyPair() {
        assertThatThrownBy(() -> PushQuery.parse("integration_key=abc&other=%G1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSameAsVertx(String query) {
        MultiMap vertx;
        try {
            vertx = HttpUtils.params("/event/push/alert/standard?" + query, StandardCharsets.UTF_8, false);
        } catch (IllegalArgumentException refused) {
            assertThatThrownBy(() -> PushQuery.parse(query)).as("query %s", query)
                    .isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThat(PushQuery.parse(query)).as("query %s", query).isEqualTo(
                new PushQuery(vertx.get("integration_key"), vertx.get("severity"), vertx.get("title_rule")));
    }
}
