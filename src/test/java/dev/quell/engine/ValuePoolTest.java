package dev.quell.engine;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.quell.engine.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

class ValuePoolTest {
    private static final long T0 = 1_700_000_000L;

    @Test
    void alertsOpenedWithEqualTextsShareOneInstanceOfEach() {
        Engine engine = new Engine(Events.countingIds());
        EngineState state = new EngineState();

        Alert first = engine.apply(state, event("web-1", Severity.Warning, copy("cpu high"), copy("over 90%"),
                Map.of("cluster", copy("nj"), "host", copy("web-1")), T0), T0).alert();
        Alert second = engine.apply(state, event("web-2", Severity.Warning, copy("cpu high"), copy("over 90%"),
                Map.of("cluster", copy("nj"), "host", copy("web-2")), T0), T0).alert();

        assertThat(second.labels().get("cluster")).isSameAs(first.labels().get("cluster"));
        assertThat(second.title()).isSameAs(first.title());
        assertThat(second.description()).isSameAs(first.description());
        assertThat(second.labels()).containsExactly(Map.entry("cluster", "nj"), Map.entry("host", "web-2"));
    }

    @Test
    void startsOverWhenFullAndLeavesLongTextsAlone() {
        ValuePool pool = new ValuePool();
        String first = pool.canonical(copy("value-0"));
        for (int i = 1; i < ValuePool.CAPACITY; i++) {
            pool.canonical("value-" + i);
        }
        assertThat(pool.canonical(copy("value-0"))).as("still pooled at capacity").isSameAs(first);

        pool.canonical("one more");
        assertThat(pool.canonical(copy("value-0"))).as("forgotten once the pool started over").isNotSameAs(first);

        String longText = "x".repeat(ValuePool.LONGEST_POOLED + 1);
        pool.canonical(longText);
        String again = copy(longText);
        assertThat(pool.canonical(again)).isSameAs(again);
        assertThat(pool.canonical(null)).isNull();
    }

    /** An equal text in an instance of its own, as every parsed request has. */
    private static String copy(String text) {
        return new String(text.toCharArray());
    }
}
