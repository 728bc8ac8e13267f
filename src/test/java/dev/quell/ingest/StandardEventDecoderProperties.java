package dev.quell.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quell.engine.AlertEvent;
import dev.quell.engine.Integration;
import dev.quell.engine.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The push decoder over generated bodies, each from a fixed seed that a failure names. Valid events are written
 * field by field in a random order, among unknown fields of every JSON shape and earlier values of the same fields
 * (the last counts), so the streaming reader is checked against what the body says. Broken bodies are cut, spliced
 * and scrambled valid ones: each must be decoded or refused as invalid, never fail otherwise.
 */
class StandardEventDecoderProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Integration INTEGRATION = new Integration(7, "Properties", Integration.STANDARD,
            "0123456789abcdef0123456789abcdef", 3, Integration.ENABLED, null, null, 0, 0);
    private static final long NOW = 1_750_000_000L;
    /** Text pieces that JSON must escape or that take more than one UTF-16 char, beside plain ones. */
    private static final String[] PIECES = {"a", "disk", " ", "/", "\"", "\\", "\n", "\t", "\u0001", "\u00e9",
            "\u4e2d", "\uD83D\uDE00", "$", "::", "{{", "}}", "%"};
    private static final byte[] SCRAMBLE = {'{', '}', '[', ']', '"', ':', ',', '\\', ' ', '0', '-', 'e', (byte) 0xff};
    private static final String[] FIELDS = {"title_rule", "event_status", "description", "alert_key", "labels",
            "event_time", "images"};

    private final StandardEventDecoder decoder = new StandardEventDecoder(JSON);

    static LongStream seeds() {
        return LongStream.range(0, 500);
    }

    /** What a generated valid body says, field by field. */
    private record Said(String titleRule, Severity status, String description, String alertKey,
                        Map<String, String> labels, long eventTime) {
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aValidBodyDecodesToWhatItSays(long seed) throws Exception {
        Random random = new Random(seed);
        Said said = said(random);

        AlertEvent event = decoder.decode(bytes(body(random, said)), INTEGRATION, NOW);

        assertThat(event.titleRule()).as("seed %d", seed).isEqualTo(said.titleRule());
        assertThat(event.status()).as("seed %d", seed).isEqualTo(said.status());
        assertThat(event.description()).as("seed %d", seed).isEqualTo(said.description());
        assertThat(event.alertKey()).as("seed %d", seed).isEqualTo(said.alertKey());
        assertThat(event.labels()).as("seed %d", seed).isEqualTo(said.labels());
        assertThat(event.eventTime()).as("seed %d", seed).isEqualTo(said.eventTime());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aBrokenBodyIsDecodedOrRefusedAsInvalidNeverFailedOn(long seed) throws Exception {
        Random random = new Random(seed);
        byte[] valid = bytes(body(random, said(random)));
        byte[] broken = switch (random.nextInt(4)) {
            case 0 -> Arrays.copyOf(valid, random.nextInt(valid.length)); // cut short
            case 1 -> scrambled(random, valid);
            case 2 -> spliced(random, valid);
            default -> randomBytes(random);
        };
        try {
            decoder.decode(broken, INTEGRATION, NOW);
        } catch (InvalidEventException refused) {
            assertThat(refused.getMessage()).as("seed %d", seed).isNotBlank();
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ": " + e + " on " + new String(broken, StandardCharsets.UTF_8), e);
        }
    }

    private static Said said(Random random) {
        Severity status = Severity.values()[random.nextInt(Severity.values().length)];
        Map<String, String> labels = new TreeMap<>();
        int labelCount = random.nextInt(8);
        for (int i = 0; i < labelCount; i++) {
            labels.put("k" + i + text(random, 3), text(random, 6));
        }
        String titleRule = "rule " + text(random, 8);
        return new Said(titleRule, status, text(random, 12), "key-" + text(random, 10), labels,
                random.nextInt(3) == 0 ? NOW : NOW - random.nextInt(1_000_000));
    }

    /**
     * The fields in a random order, each of the contract's preceded now and then by a decoy value of any shape for
     * the same field, and unknown fields of any shape between them.
     */
    private static String body(Random random, Said said) throws JsonProcessingException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title_rule", said.titleRule());
        fields.put("event_status", said.status().name());
        fields.put("description", said.description());
        fields.put("alert_key", said.alertKey());
        fields.put("labels", said.labels());
        if (said.eventTime() != NOW || random.nextBoolean()) {
            fields.put("event_time", said.eventTime() == NOW ? null : said.eventTime());
        }
        List<String> names = new ArrayList<>(fields.keySet());
        Collections.shuffle(names, random);
        StringBuilder body = new StringBuilder("{");
        for (String name : names) {
            if (random.nextInt(4) == 0) {
                member(body, random, name, anyValue(random, 2));
            }
            if (random.nextInt(3) == 0) {
                member(body, random, "x_" + text(random, 4), anyValue(random, 3));
            }
            member(body, random, name, fields.get(name));
        }
        return body.append('}').toString();
    }

    private static void member(StringBuilder body, Random random, String name, Object value)
            throws JsonProcessingException {
        if (body.length() > 1) {
            body.append(random.nextInt(3) == 0 ? ",\n " : ",");
        }
        body.append(JSON.writeValueAsString(name)).append(':').append(JSON.writeValueAsString(value));
    }

    /** A JSON value of any shape: null, a boolean, a number, a string, an array or an object. */
    private static Object anyValue(Random random, int depth) {
        int shape = random.nextInt(depth > 0 ? 7 : 5);
        return switch (shape) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt(3) == 0 ? random.nextDouble() * 1e6 : random.nextLong();
            case 3, 4 -> text(random, 6);
            case 5 -> {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(anyValue(random, depth - 1));
                }
                yield items;
            }
            default -> {
                Map<String, Object> members = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    members.put(random.nextBoolean() ? FIELDS[random.nextInt(FIELDS.length)] : text(random, 3),
                            anyValue(random, depth - 1));
                }
                yield members;
            }
        };
    }

    private static String text(Random random, int maxPieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 1 + random.nextInt(maxPieces); i > 0; i--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    /** The valid body with a few bytes overwritten by JSON's punctuation, a digit, a letter or a stray byte. */
    private static byte[] scrambled(Random random, byte[] valid) {
        byte[] bytes = valid.clone();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            bytes[random.nextInt(bytes.length)] = SCRAMBLE[random.nextInt(SCRAMBLE.length)];
        }
        return bytes;
    }

    /** The valid body with a piece of itself inserted somewhere else. */
    private static byte[] spliced(Random random, byte[] valid) {
        int from = random.nextInt(valid.length);
        int to = from + random.nextInt(valid.length - from);
        int at = random.nextInt(valid.length);
        byte[] bytes = new byte[valid.length + (to - from)];
        System.arraycopy(valid, 0, bytes, 0, at);
        System.arraycopy(valid, from, bytes, at, to - from);
        System.arraycopy(valid, at, bytes, at + (to - from), valid.length - at);
        return bytes;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
