package dev.quell.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelMapTest {

    @Test
    void answersEveryQueryAsASortedTreeMapOfTheSameLabelsWould() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 2_000; round++) {
            Map<String, String> raw = new HashMap<>();
            int size = random.nextInt(30);
            for (int i = 0; i < size; i++) {
                raw.put(word(random), word(random));
            }
            TreeMap<String, String> expected = new TreeMap<>(raw);
            LabelMap labels = LabelMap.of(raw);

            assertThat(labels).isEqualTo(expected);
            assertThat(expected).isEqualTo(labels);
            assertThat(labels.hashCode()).isEqualTo(expected.hashCode());
            assertThat(labels.toString()).isEqualTo(expected.toString());
            assertThat(new ArrayList<>(labels.keySet())).containsExactlyElementsOf(expected.keySet());
            assertThat(new ArrayList<>(labels.values())).containsExactlyElementsOf(expected.values());
            for (int probe = 0; probe < 10; probe++) {
                String key = word(random);
                assertThat(labels.get(key)).as("get %s", key).isEqualTo(expected.get(key));
                assertThat(labels.containsKey(key)).isEqualTo(expected.containsKey(key));
            }
            expected.forEach((key, value) -> assertThat(labels.get(key)).isEqualTo(value));
        }
    }

    @Test
    void cannotBeChanged() {
        LabelMap labels = LabelMap.of(Map.of("host", "web-01", "service", "api"));
        assertThatThrownBy(() -> labels.put("zone", "a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> labels.remove("host")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> labels.entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> labels.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(labels).containsExactly(Map.entry("host", "web-01"), Map.entry("service", "api"));
    }

    @Test
    void refusesALabelWithoutAValueAndAnswersNothingForKeysThatAreNotText() {
        Map<String, String> missingValue = new HashMap<>();
        missingValue.put("host", null);
        assertThatThrownBy(() -> LabelMap.of(missingValue)).isInstanceOf(NullPointerException.class);

        LabelMap labels = LabelMap.of(Map.of("host", "web-01"));
        assertThat(labels.get(42)).isNull();
        assertThat(labels.get(null)).isNull();
        assertThat(labels.containsKey(null)).isFalse();
    }

    @Test
    void twoCompactMapsAreTheSameExactlyWhenTheirLabelsAre() {
        LabelMap a = LabelMap.of(Map.of("host", "web-01", "service", "api"));
        assertThat(a.sameAs(LabelMap.of(Map.of("service", "api", "host", "web-01")))).isTrue();
        assertThat(a.sameAs(LabelMap.of(Map.of("host", "web-01", "service", "db")))).isFalse();
        assertThat(a.sameAs(LabelMap.of(Map.of("host", "web-01")))).isFalse();
        assertThat(a.sameAs(LabelMap.of(Map.of("host", "web-01", "servicf", "api")))).isFalse();
    }

    private static String word(SplittableRandom random) {
        String letters = "abcdefgh";
        StringBuilder word = new StringBuilder();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            word.append(letters.charAt(random.nextInt(letters.length())));
        }
        return word.toString();
    }
}
