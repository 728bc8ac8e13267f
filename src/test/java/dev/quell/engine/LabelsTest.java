package dev.quell.engine;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LabelsTest {
    private static final List<String> NAMES = List.of("host", "service", "check", "cluster", "zone");
    private static final List<String> VALUES = List.of("a", "b", "c");

    @Test
    void labelMapsWalkedInOrderAreTheSameExactlyWhenTheyAreEqual() {
        SplittableRandom random = new SplittableRandom(11);
        int same = 0;
        for (int pair = 0; pair < 5_000; pair++) {
            Map<String, String> a = Labels.sorted(randomLabels(random));
            Map<String, String> b = Labels.sorted(randomLabels(random));
            assertThat(Labels.sameInOrder(a, b)).as("%s and %s", a, b).isEqualTo(a.equals(b));
            same += a.equals(b) ? 1 : 0;
        }
        assertThat(same).as("pairs that were equal, so both answers were tried").isBetween(50, 4_950);
    }

    private static Map<String, String> randomLabels(SplittableRandom random) {
        Map<String, String> labels = new HashMap<>();
        for (String name : NAMES.subList(0, 1 + random.nextInt(2))) {
            labels.put(name, VALUES.get(random.nextInt(VALUES.size())));
        }
        return labels;
    }
}
