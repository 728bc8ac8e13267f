package dev.quell.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written labels JSON: what a JSON parser reads back is what was written, whatever the texts hold. */
class JsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Plain letters, then every character that must be escaped, then characters outside ASCII (one a surrogate). */
    private static final String ALPHABET = "ab.-_ 09\"\\/\u0000\u0001\n\r\t\u001f\u007féü中\uD83D\uDE00";

    @Test
    void labelsReadBackAsWrittenOverRandomTexts() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 2_000; round++) {
            Map<String, String> labels = new TreeMap<>();
            int size = random.nextInt(6);
            for (int i = 0; i < size; i++) {
                labels.put(text(random), text(random));
            }

            String written = Json.writeLabels(labels);

            assertThat(JSON.readValue(written, new TypeReference<Map<String, String>>() { }))
                    .as("labels %s written as %s", labels, written).isEqualTo(labels);
        }
    }

    @Test
    void controlCharactersAreWrittenAsLowerCaseUnicodeEscapes() {
        assertThat(Json.writeLabels(Map.of("k", "a\u001fb\"c\\")))
                .isEqualTo("{\"k\":\"a\\u001fb\\\"c\\\\\"}");
    }

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        while (text.length() < length) {
            // Mostly plain runs, as real labels are, with an escaped or non-ASCII character now and then.
            int index = random.nextInt(4) == 0 ? random.nextInt(ALPHABET.length()) : random.nextInt(8);
            char c = ALPHABET.charAt(index);
            if (Character.isHighSurrogate(c)) {
                text.append(c).append(ALPHABET.charAt(index + 1));
            } else if (!Character.isLowSurrogate(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }
}
