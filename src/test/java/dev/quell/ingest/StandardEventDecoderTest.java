package dev.quell.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quell.engine.AlertEvent;
import dev.quell.engine.Image;
import dev.quell.engine.Integration;
import dev.quell.engine.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The push body decoder on its own: validation, truncation in code points, titles, keys and images. */
class StandardEventDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Integration INTEGRATION = new Integration(7, "My integration", Integration.STANDARD,
            "0123456789abcdef0123456789abcdef", 3, Integration.ENABLED, null, null, 0, 0);
    private static final long NOW = 1_750_000_000L;
    private static final String EMOJI = "\uD83D\uDE00";

    private final StandardEventDecoder decoder = new StandardEventDecoder(JSON);

    private AlertEvent decode(String body) throws InvalidEventException {
        return decoder.decode(body.getBytes(StandardCharsets.UTF_8), INTEGRATION, NOW);
    }

    private AlertEvent decode(ObjectNode body) throws InvalidEventException {
        return decode(body.toString());
    }

    private static ObjectNode trigger() {
        return JSON.createObjectNode().put("event_status", "Warning").put("alert_key", "k1")
                .put("title_rule", "rule");
    }

    private void assertRejected(String body, String... messageParts) {
        assertThatThrownBy(() -> decode(body)).isInstanceOf(InvalidEventException.class)
                .message().contains(messageParts);
    }

    // ---------------------------------------------------------------- a valid event

    @Test
    void theSeedExampleDecodesToAWarningWithItsRenderedTitle() throws Exception {
        AlertEvent event = decode("""
                {"event_status": "Warning", "alert_key": "64f6b9df2007be4b0bfe56f6",
                 "description": "cpu idle low than 20%", "title_rule": "$cluster::$resource::$check",
                 "labels": {"resource": "es.nj.01", "check": "cpu.idle<20%", "service": "engine",
                            "cluster": "nj", "metric": "node_cpu_seconds_total"}}""");

        assertThat(event.status()).isEqualTo(Severity.Warning);
        assertThat(event.alertKey()).isEqualTo("64f6b9df2007be4b0bfe56f6");
        assertThat(event.titleRule()).isEqualTo("$cluster::$resource::$check");
        assertThat(event.title()).isEqualTo("nj / es.nj.01 / cpu.idle<20%");
        assertThat(event.description()).isEqualTo("cpu idle low than 20%");
        assertThat(event.labels()).containsOnlyKeys("resource", "check", "service", "cluster", "metric");
        assertThat(List.copyOf(event.labels().keySet())).isSorted();
        assertThat(event.images()).isEmpty();
        assertThat(event.eventTime()).isEqualTo(NOW);
        assertThat(event.integrationId()).isEqualTo(7);
        assertThat(event.channelId()).isEqualTo(3);
    }

    @Test
    void optionalFieldsMayBeNull() throws Exception {
        AlertEvent event = decode(trigger().putNull("description").putNull("labels").putNull("event_time")
                .putNull("images"));

        assertThat(event.description()).isEmpty();
        assertThat(event.labels()).isEmpty();
        assertThat(event.eventTime()).isEqualTo(NOW);
        assertThat(event.images()).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        AlertEvent event = decode(trigger().put("severity", "Critical").put("whatever", 1));

        assertThat(event.status()).isEqualTo(Severity.Warning);
    }

    @Test
    void unknownFieldsOfAnyShapeAreSkippedButMustStillBeValidJson() throws Exception {
        AlertEvent event = decode("""
                {"extra": {"nested": [1, {"title_rule": "not this one"}, null]}, "event_status": "Info",
                 "title_rule": "rule", "alert_key": "k1", "more": [[], {}], "labels": {"a": "b"}}""");

        assertThat(event.titleRule()).isEqualTo("rule");
        assertThat(event.labels()).isEqualTo(Map.of("a", "b"));
        assertRejected("{\"extra\": {\"nested\": [1,}, \"event_status\": \"Info\", \"title_rule\": \"rule\"}",
                "not valid JSON");
    }

    @Test
    void aFieldGivenTwiceKeepsItsLastValue() throws Exception {
        AlertEvent event = decode("""
                {"event_status": "Critical", "title_rule": "first", "alert_key": "k1",
                 "labels": {"a": 1}, "event_status": "Info", "title_rule": "second",
                 "labels": {"b": "1", "c": 2, "b": "2", "c": "3"}}""");

        assertThat(event.status()).isEqualTo(Severity.Info);
        assertThat(event.titleRule()).isEqualTo("second");
        assertThat(event.labels()).isEqualTo(Map.of("b", "2", "c", "3"));
        assertRejected("{\"event_status\": \"Info\", \"title_rule\": \"t\", \"labels\": {\"a\": \"1\"}, \"labels\": 5}",
                "labels must be an object");
        assertThat(decode("{\"event_status\": \"Info\", \"title_rule\": \"t\", \"labels\": 5, \"labels\": null}")
                .labels()).isEmpty();
    }

    @Test
    void aBodyThatIsNotAnObjectIsJudgedAsJsonFirst() {
        assertRejected("[1, 2", "not valid JSON");
        assertRejected("  ", "JSON object");
    }

    @Test
    void anOkWithAnAlertKeyIsARecovery() throws Exception {
        AlertEvent event = decode(trigger().put("event_status", "Ok"));

        assertThat(event.status()).isEqualTo(Severity.Ok);
        assertThat(event.status().isTrigger()).isFalse();
        assertThat(event.alertKey()).isEqualTo("k1");
    }

    // ---------------------------------------------------------------- rejections, each naming the field

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                               | empty
            '{'                                                              | not valid JSON
            '[]'                                                             | JSON object
            '"text"'                                                         | JSON object
            '12'                                                             | JSON object
            'null'                                                           | JSON object
            '{"event_status":"Info"}'                                        | title_rule is required
            '{"event_status":"Info","title_rule":7}'                         | title_rule must be a string
            '{"event_status":"Info","title_rule":"  "}'                      | title_rule must not be empty
            '{"title_rule":"t"}'                                             | event_status is required
            '{"title_rule":"t","event_status":"critical"}'                   | event_status must be exactly one of Critical, Warning, Info, Ok
            '{"title_rule":"t","event_status":"OK"}'                         | event_status must be exactly
            '{"title_rule":"t","event_status":3}'                            | event_status must be exactly
            '{"title_rule":"t","event_status":"Ok"}'                         | alert_key is required when event_status is Ok
            '{"title_rule":"t","event_status":"Ok","alert_key":""}'          | alert_key is required when event_status is Ok
            '{"title_rule":"t","event_status":"Info","alert_key":5}'         | alert_key must be a string
            '{"title_rule":"t","event_status":"Info","description":[]}'      | description must be a string
            '{"title_rule":"t","event_status":"Info","labels":[]}'           | labels must be an object
            '{"title_rule":"t","event_status":"Info","labels":"a"}'          | labels must be an object
            '{"title_rule":"t","event_status":"Info","labels":{"a":1}}'      | labels.a must be a string
            '{"title_rule":"t","event_status":"Info","labels":{"a":null}}'   | labels.a must be a string
            '{"title_rule":"t","event_status":"Info","event_time":-1}'       | event_time must be a non-negative integer of Unix seconds
            '{"title_rule":"t","event_status":"Info","event_time":1.5}'      | event_time must be a non-negative integer
            '{"title_rule":"t","event_status":"Info","event_time":"1"}'      | event_time must be a non-negative integer
            '{"title_rule":"t","event_status":"Info","images":{}}'           | images must be an array
            '{"title_rule":"t","event_status":"Info","images":["x"]}'        | images must be an array of objects
            """)
    void aBodyThatBreaksTheContractIsRejectedNamingTheRule(String body, String message) {
        assertRejected(body, message);
    }

    @Test
    void anAlertKeyIsLimitedTo255CodePoints() throws Exception {
        assertThat(decode(trigger().put("alert_key", EMOJI.repeat(255))).alertKey()).isEqualTo(EMOJI.repeat(255));
        assertThat(decode(trigger().put("alert_key", "k".repeat(255))).alertKey()).hasSize(255);
        assertRejected(trigger().put("alert_key", EMOJI.repeat(256)).toString(), "alert_key", "255", "256");
        assertRejected(trigger().put("alert_key", "k".repeat(256)).toString(), "alert_key", "255");
    }

    @Test
    void labelsAreLimitedTo50() throws Exception {
        ObjectNode fifty = trigger();
        ObjectNode fiftyOne = trigger();
        ObjectNode fiftyLabels = fifty.putObject("labels");
        ObjectNode fiftyOneLabels = fiftyOne.putObject("labels");
        for (int i = 0; i < 51; i++) {
            if (i < 50) {
                fiftyLabels.put("l" + i, "v");
            }
            fiftyOneLabels.put("l" + i, "v");
        }

        assertThat(decode(fifty).labels()).hasSize(50);
        assertRejected(fiftyOne.toString(), "labels", "50", "51");
    }

    // ---------------------------------------------------------------- event_time

    @Test
    void eventTimeIsInSeconds() throws Exception {
        assertThat(decode(trigger().put("event_time", 1_700_000_000L)).eventTime()).isEqualTo(1_700_000_000L);
        assertThat(decode(trigger().put("event_time", 0)).eventTime()).isZero();
    }

    @Test
    void anEventTimeInTheFutureIsTakenAsNow() throws Exception {
        assertThat(decode(trigger().put("event_time", NOW + 3600)).eventTime()).isEqualTo(NOW);
    }

    // ---------------------------------------------------------------- truncation in code points

    @Test
    void theTitleRuleIsCutAt512CodePointsWithoutSplittingAPair() throws Exception {
        AlertEvent event = decode(trigger().put("title_rule", "r".repeat(511) + EMOJI + "tail"));

        assertThat(event.titleRule()).isEqualTo("r".repeat(511) + EMOJI);
        assertThat(event.title()).isEqualTo(event.titleRule());
    }

    @Test
    void theRenderedTitleIsCutAt512CodePoints() throws Exception {
        ObjectNode body = trigger().put("title_rule", "[TPL]${a}${b}");
        body.putObject("labels").put("a", "x".repeat(511)).put("b", EMOJI + EMOJI);

        assertThat(decode(body).title()).isEqualTo("x".repeat(511) + EMOJI);
    }

    @Test
    void theDescriptionIsCutAt2048CodePoints() throws Exception {
        assertThat(decode(trigger().put("description", "d".repeat(2047) + EMOJI + "tail")).description())
                .isEqualTo("d".repeat(2047) + EMOJI);
        assertThat(decode(trigger().put("description", "d".repeat(2048))).description()).hasSize(2048);
    }

    @Test
    void labelKeysAreCutAt128AndValuesAt2048CodePoints() throws Exception {
        ObjectNode body = trigger();
        body.putObject("labels").put("k".repeat(127) + EMOJI + "tail", EMOJI.repeat(2049));

        Map<String, String> labels = decode(body).labels();

        assertThat(labels).containsExactly(Map.entry("k".repeat(127) + EMOJI, EMOJI.repeat(2048)));
    }

    // ---------------------------------------------------------------- derived alert_key

    @Test
    void aTriggerWithoutAlertKeyGetsAStableDerivedKey() throws Exception {
        String first = "{\"event_status\":\"Info\",\"title_rule\":\"r\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}}";
        String reordered = "{\"labels\":{\"b\":\"2\",\"a\":\"1\"},\"title_rule\":\"r\",\"event_status\":\"Critical\"}";

        String key = decode(first).alertKey();

        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(decode(first).alertKey()).isEqualTo(key);
        assertThat(decode(reordered).alertKey()).as("key order and status do not matter").isEqualTo(key);
    }

    @Test
    void anEmptyAlertKeyOnATriggerIsDerivedToo() throws Exception {
        ObjectNode body = trigger().put("alert_key", "");

        assertThat(decode(body).alertKey()).matches("[0-9a-f]{32}");
    }

    @Test
    void aDifferentTitleRuleOrLabelGivesADifferentKey() throws Exception {
        String base = keyless("r", Map.of("a", "1")).alertKey();

        assertThat(keyless("r2", Map.of("a", "1")).alertKey()).isNotEqualTo(base);
        assertThat(keyless("r", Map.of("a", "2")).alertKey()).isNotEqualTo(base);
        assertThat(keyless("r", Map.of("b", "1")).alertKey()).isNotEqualTo(base);
        assertThat(keyless("r", Map.of()).alertKey()).isNotEqualTo(base);
    }

    @Test
    void textThatMovesBetweenRuleKeysAndValuesGivesADifferentKey() throws Exception {
        Map<String, String> twoLabels = new LinkedHashMap<>();
        twoLabels.put("a", "1");
        twoLabels.put("b", "2");
        Map<String, String> oneLabelSpellingBoth = Map.of("a", "1\u0000b\u00012");

        assertThat(keyless("r", Map.of("ab", "c")).alertKey()).isNotEqualTo(keyless("r", Map.of("a", "bc")).alertKey());
        assertThat(keyless("r", oneLabelSpellingBoth).alertKey()).isNotEqualTo(keyless("r", twoLabels).alertKey());
        assertThat(keyless("r\u0000a\u00011", Map.of()).alertKey()).isNotEqualTo(keyless("r", Map.of("a", "1")).alertKey());
    }

    private AlertEvent keyless(String titleRule, Map<String, String> labels) throws InvalidEventException {
        ObjectNode body = JSON.createObjectNode().put("event_status", "Warning").put("title_rule", titleRule);
        ObjectNode labelNode = body.putObject("labels");
        labels.forEach(labelNode::put);
        return decode(body);
    }

    // ---------------------------------------------------------------- titles

    @Test
    void aTemplateCanReadTheIntegrationAndTheAlertKey() throws Exception {
        ObjectNode body = trigger().put("title_rule", "[TPL]{{.IntegrationName}} ({{.IntegrationType}}): {{.AlertKey}}");

        assertThat(decode(body).title()).isEqualTo("My integration (standard): k1");
    }

    @Test
    void aBrokenTemplateFallsBackToTheRawRule() throws Exception {
        assertThat(decode(trigger().put("title_rule", "[TPL]{{.Labels.x")).title()).isEqualTo("[TPL]{{.Labels.x");
    }

    // ---------------------------------------------------------------- images

    @Test
    void imagesAreTruncatedFilteredAndDeduplicatedByAlt() throws Exception {
        String prefix = "https://example.com/";
        String src256 = prefix + "s".repeat(256 - prefix.length());
        ObjectNode body = trigger();
        body.putArray("images")
                .add(JSON.createObjectNode().put("src", prefix + "a.png").put("alt", "a".repeat(127) + EMOJI + "x")
                        .put("href", "h".repeat(255) + EMOJI + "x"))
                .add(JSON.createObjectNode().put("src", src256 + "s").put("alt", "too long"))
                .add(JSON.createObjectNode().put("src", "ftp://example.com/x.png").put("alt", "ftp"))
                .add(JSON.createObjectNode().put("src", "data:image/png;base64,AAAA").put("alt", "data"))
                .add(JSON.createObjectNode().put("src", "/relative.png").put("alt", "relative"))
                .add(JSON.createObjectNode().put("alt", "no src"))
                .add(JSON.createObjectNode().put("src", prefix + "dup.png").put("alt", "a".repeat(127) + EMOJI))
                .add(JSON.createObjectNode().put("src", src256).put("alt", "b"))
                .add(JSON.createObjectNode().put("src", "HTTP://EXAMPLE.COM/c.png"));

        List<Image> images = decode(body).images();

        assertThat(images).containsExactly(
                new Image(prefix + "a.png", "h".repeat(255) + EMOJI, "a".repeat(127) + EMOJI),
                new Image(src256, "", "b"),
                new Image("HTTP://EXAMPLE.COM/c.png", "", ""));
    }
}
