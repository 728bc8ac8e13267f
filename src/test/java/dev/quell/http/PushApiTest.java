package dev.quell.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quell.ingest.StandardEventDecoder;
import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The push API ({@code POST /event/push/alert/standard}) over a real socket: every error row of the contract,
 * every field rule, and what was stored, read back through the Open API.
 */
class PushApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f]{32}");
    private static final String PUSH_PATH = "/event/push/alert/standard";
    private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 chars
    private static final int MIB = 1_048_576;

    @TempDir
    static Path dir;
    /** Server-wide limit off, so the many tests sharing its default integration never throttle each other. */
    static RunningQuell quell;
    /** 2 requests/s per integration by default. */
    static RunningQuell throttled;

    @BeforeAll
    static void start() {
        quell = RunningQuell.start(dir.resolve("main"), 0, 0);
        throttled = RunningQuell.start(dir.resolve("throttled"), 2, 1000);
    }

    @AfterAll
    static void stop() {
        if (quell != null) {
            quell.close();
        }
        if (throttled != null) {
            throttled.close();
        }
    }

    // ---------------------------------------------------------------- envelope

    @Test
    void aSuccessfulPushAnswersWithRequestIdAndAlertKeyInData() {
        String key = uniqueKey();
        Reply reply = quell.push(json(trigger(key)));

        assertSuccess(reply);
        assertThat(fieldNames(reply.body())).containsExactlyInAnyOrder("request_id", "data");
        assertThat(fieldNames(reply.data())).containsExactly("alert_key");
        assertThat(reply.data().get("alert_key").asText()).isEqualTo(key);
    }

    @Test
    void anAlertKeyThatJsonMustEscapeComesBackIntactInTheAnswer() {
        String key = "say \"hi\" \\ to\ttab\nnewline \u0001 </script> \u00e9" + EMOJI;

        Reply reply = quell.push(json(trigger(key)));

        assertSuccess(reply);
        assertThat(reply.data().get("alert_key").asText()).isEqualTo(key);
    }

    @Test
    void anErrorAnswersWithRequestIdAndErrorCodeAndMessageButNoData() {
        Reply reply = quell.push("no-such-key", json(trigger(uniqueKey())));

        assertError(reply, 400, "InvalidParameter");
        assertThat(fieldNames(reply.body())).containsExactlyInAnyOrder("request_id", "error");
        assertThat(fieldNames(reply.body().get("error"))).containsExactlyInAnyOrder("code", "message");
    }

    @Test
    void requestIdsAreUniqueAcrossRequests() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Reply ok = quell.push(json(trigger(uniqueKey())));
            Reply error = quell.push("{");
            Reply missing = quell.send("POST", "/no/such/route", "application/json", "{}");
            for (Reply reply : List.of(ok, error, missing)) {
                assertThat(reply.requestIdHeader()).matches(REQUEST_ID);
                assertThat(reply.body().get("request_id").asText()).isEqualTo(reply.requestIdHeader());
                ids.add(reply.requestIdHeader());
            }
        }
        assertThat(ids).hasSize(30);
    }

    // ---------------------------------------------------------------- routing

    @Test
    void anUnknownPathIsRouteNotFound() {
        Reply reply = quell.send("POST", "/event/push/alert/nonsense?integration_key=" + quell.defaultIntegrationKey(),
                "application/json", json(trigger(uniqueKey())));

        assertError(reply, 404, "RouteNotFound");
    }

    @Test
    void getOnThePushPathIsMethodNotAllowed() {
        Reply reply = quell.send("GET", PUSH_PATH + "?integration_key=" + quell.defaultIntegrationKey(), null, null);

        assertError(reply, 400, "MethodNotAllowed");
    }

    @Test
    void anOverlongRequestLineGetsTheErrorEnvelope() throws IOException {
        String[] answer = rawExchange("POST " + pushPath("k".repeat(5000)) + " HTTP/1.1\r\nHost: quell\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");

        assertRawError(answer, 400, "InvalidParameter");
        assertThat(answer[2]).contains("4096");
    }

    @Test
    void overlongHeadersGetTheErrorEnvelope() throws IOException {
        String[] answer = rawExchange("POST " + pushPath(quell.defaultIntegrationKey()) + " HTTP/1.1\r\nHost: quell\r\n"
                + "X-Padding: " + "p".repeat(9000) + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}");

        assertRawError(answer, 400, "InvalidParameter");
        assertThat(answer[2]).contains("8192");
    }

    @Test
    void aQueryStringThatIsNotValidPercentEncodingIsInvalidParameterNotInternalError() throws IOException {
        String body = json(trigger(uniqueKey()));
        String[] answer = rawExchange("POST " + PUSH_PATH + "?integration_key=%zz HTTP/1.1\r\nHost: quell\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + body);

        assertRawError(answer, 400, "InvalidParameter");
        assertThat(answer[2]).contains("percent-encoding");
    }

    // ---------------------------------------------------------------- content type

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8"})
    void aJsonContentTypeIsAccepted(String contentType) {
        Reply reply = quell.send("POST", pushPath(quell.defaultIntegrationKey()), contentType, json(trigger(uniqueKey())));

        assertSuccess(reply);
    }

    @Test
    void textPlainIsInvalidContentType() {
        Reply reply = quell.send("POST", pushPath(quell.defaultIntegrationKey()), "text/plain",
                json(trigger(uniqueKey())));

        assertError(reply, 400, "InvalidContentType");
    }

    @Test
    void aMissingContentTypeIsInvalidContentType() {
        Reply reply = quell.send("POST", pushPath(quell.defaultIntegrationKey()), null, json(trigger(uniqueKey())));

        assertError(reply, 400, "InvalidContentType");
    }

    // ---------------------------------------------------------------- integration key

    @Test
    void aMissingIntegrationKeyIsRejected() {
        Reply reply = quell.send("POST", PUSH_PATH, "application/json", json(trigger(uniqueKey())));

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).isEqualTo("integration_key is not a valid one");
    }

    @Test
    void anUnknownIntegrationKeyIsRejected() {
        Reply reply = quell.push("0123456789abcdef0123456789abcdef", json(trigger(uniqueKey())));

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).isEqualTo("integration_key is not a valid one");
    }

    // ---------------------------------------------------------------- body shape

    @Test
    void malformedJsonIsRejected() {
        Reply reply = quell.push("{\"title_rule\": \"x\", \"event_status\": ");

        assertInvalid(reply, "JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"title_rule\":\"x\",\"event_status\":\"Info\"}]", "\"a string\"", "42", "null"})
    void aBodyThatIsNotAJsonObjectIsRejected(String body) {
        Reply reply = quell.push(body);

        assertInvalid(reply, "JSON object");
    }

    @Test
    void anEmptyBodyIsRejected() {
        Reply reply = quell.push("");

        assertInvalid(reply, "empty");
    }

    @Test
    void aMissingTitleRuleIsRejected() {
        ObjectNode body = trigger(uniqueKey());
        body.remove("title_rule");

        assertInvalid(quell.push(json(body)), "title_rule");
    }

    @Test
    void aMissingEventStatusIsRejected() {
        ObjectNode body = trigger(uniqueKey());
        body.remove("event_status");

        assertInvalid(quell.push(json(body)), "event_status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"critical\"", "\"OK\"", "3", "\"ok\"", "\"WARNING\"", "\"Error\"", "\"\"", "true"})
    void anEventStatusOtherThanExactlyCriticalWarningInfoOrOkIsRejected(String status) throws JsonProcessingException {
        ObjectNode body = trigger(uniqueKey());
        body.set("event_status", JSON.readTree(status));

        Reply reply = quell.push(json(body));

        assertInvalid(reply, "event_status");
        assertThat(reply.errorMessage()).contains("Critical, Warning, Info, Ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Critical", "Warning", "Info"})
    void eachTriggerStatusIsAccepted(String status) {
        ObjectNode body = trigger(uniqueKey());
        body.put("event_status", status);

        assertSuccess(quell.push(json(body)));
        assertThat(alertByKey(body.get("alert_key").asText()).get("alert_severity").asText()).isEqualTo(status);
    }

    // ---------------------------------------------------------------- alert_key

    @Test
    void anAlertKeyOf255CodePointsIsAccepted() {
        String key = EMOJI.repeat(255); // 510 UTF-16 chars, 255 characters

        Reply reply = quell.push(json(trigger(key)));

        assertSuccess(reply);
        assertThat(reply.data().get("alert_key").asText()).isEqualTo(key);
    }

    @Test
    void anAlertKeyOf256CodePointsIsRejected() {
        Reply reply = quell.push(json(trigger(EMOJI.repeat(256))));

        assertInvalid(reply, "alert_key");
        assertThat(reply.errorMessage()).contains("255");
    }

    @Test
    void anOkWithoutAlertKeyIsRejected() {
        ObjectNode body = trigger(uniqueKey());
        body.remove("alert_key");
        body.put("event_status", "Ok");

        Reply reply = quell.push(json(body));

        assertInvalid(reply, "alert_key");
        assertThat(reply.errorMessage()).contains("Ok");
    }

    // ---------------------------------------------------------------- labels

    @Test
    void fiftyLabelsAreAccepted() {
        ObjectNode body = trigger(uniqueKey());
        body.set("labels", labels(50));

        assertSuccess(quell.push(json(body)));
        assertThat(alertByKey(body.get("alert_key").asText()).get("labels").size()).isEqualTo(50);
    }

    @Test
    void fiftyOneLabelsAreRejected() {
        ObjectNode body = trigger(uniqueKey());
        body.set("labels", labels(51));

        Reply reply = quell.push(json(body));

        assertInvalid(reply, "labels");
        assertThat(reply.errorMessage()).contains("50");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"a\", \"b\"]", "\"a=b\"", "7", "true"})
    void labelsThatAreNotAnObjectAreRejected(String labels) throws JsonProcessingException {
        ObjectNode body = trigger(uniqueKey());
        body.set("labels", JSON.readTree(labels));

        assertInvalid(quell.push(json(body)), "labels must be an object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "1.5", "true", "null", "{\"x\": \"y\"}", "[\"y\"]"})
    void aLabelValueThatIsNotAStringIsRejected(String value) throws JsonProcessingException {
        ObjectNode body = trigger(uniqueKey());
        ObjectNode labels = body.putObject("labels");
        labels.put("resource", "db-1");
        labels.set("port", JSON.readTree(value));

        Reply reply = quell.push(json(body));

        assertInvalid(reply, "labels.port");
        assertThat(reply.errorMessage()).contains("string");
    }

    // ---------------------------------------------------------------- event_time

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1700000000.5", "\"1700000000\"", "1e3", "99999999999999999999", "true"})
    void anEventTimeThatIsNotANonNegativeIntegerIsRejected(String eventTime) throws JsonProcessingException {
        ObjectNode body = trigger(uniqueKey());
        body.set("event_time", JSON.readTree(eventTime));

        Reply reply = quell.push(json(body));

        assertInvalid(reply, "event_time");
        assertThat(reply.errorMessage()).contains("seconds");
    }

    @Test
    void anEventTimeInSecondsBecomesTheAlertStartTime() {
        ObjectNode body = trigger(uniqueKey());
        body.put("event_time", 1_700_000_000L);

        assertSuccess(quell.push(json(body)));

        JsonNode alert = alertByKey(body.get("alert_key").asText());
        assertThat(alert.get("start_time").asLong()).isEqualTo(1_700_000_000L);
        assertThat(alert.get("last_time").asLong()).isEqualTo(1_700_000_000L);
    }

    @Test
    void anAbsentEventTimeMeansNow() {
        ObjectNode body = trigger(uniqueKey());
        long before = nowSeconds();

        assertSuccess(quell.push(json(body)));

        long after = nowSeconds();
        assertThat(alertByKey(body.get("alert_key").asText()).get("start_time").asLong()).isBetween(before, after);
    }

    // ---------------------------------------------------------------- body size

    @Test
    void aBodyOfExactlyOneMebibyteIsAccepted() {
        ObjectNode body = trigger(uniqueKey());
        String padded = padTo(body, MIB);
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(MIB);

        assertSuccess(quell.push(padded));
    }

    @Test
    void aBodyJustUnderOneMebibyteIsAccepted() {
        ObjectNode body = trigger(uniqueKey());

        assertSuccess(quell.push(padTo(body, MIB - 1)));
    }

    @Test
    void aBodyOverOneMebibyteIsRejected() {
        ObjectNode body = trigger(uniqueKey());
        String padded = padTo(body, MIB + 1);

        Reply reply = quell.push(padded);

        assertInvalid(reply, "1048576");
        assertThat(reply.errorMessage()).contains("body");
        assertThat(openAlerts(body.get("alert_key").asText())).isZero();
    }

    @Test
    void aLargeBodyRejectedBeforeItIsReadStillGetsTheErrorEnvelope() {
        String large = padTo(trigger(uniqueKey()), MIB - 10);

        assertError(quell.push("no-such-key", large), 400, "InvalidParameter");
        assertError(quell.send("POST", pushPath(quell.defaultIntegrationKey()), "text/plain", large), 400,
                "InvalidContentType");
        assertError(quell.push("no-such-key", padTo(trigger(uniqueKey()), 2 * MIB)), 400, "InvalidParameter");
        assertSuccess(quell.push(json(trigger(uniqueKey()))));
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsReadWhole() throws IOException {
        ObjectNode body = trigger(uniqueKey());
        body.put("description", "d".repeat(3000)); // past the 1,024 bytes first set aside for a body of unknown length

        String[] answer = rawExchange(chunkedPush(padTo(body, 5000), 700));

        assertThat(answer[0]).isEqualTo("200");
        assertThat(JSON.readTree(answer[2]).path("data").path("alert_key").asText())
                .isEqualTo(body.get("alert_key").asText());
        assertThat(alertByKey(body.get("alert_key").asText()).get("description").asText())
                .isEqualTo("d".repeat(StandardEventDecoder.MAX_DESCRIPTION));
    }

    @Test
    void aChunkedBodyOverOneMebibyteIsRejected() throws IOException {
        ObjectNode body = trigger(uniqueKey());

        String[] answer = rawExchange(chunkedPush(padTo(body, MIB + 1), 64 * 1024));

        assertRawError(answer, 400, "InvalidParameter");
        assertThat(JSON.readTree(answer[2]).path("error").path("message").asText()).contains("1048576");
        assertThat(openAlerts(body.get("alert_key").asText())).isZero();
    }

    /** A push of {@code body} with {@code Transfer-Encoding: chunked}, in chunks of {@code chunkBytes}. */
    private static String chunkedPush(String body, int chunkBytes) {
        StringBuilder request = new StringBuilder("POST " + pushPath(quell.defaultIntegrationKey()) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n");
        for (int from = 0; from < body.length(); from += chunkBytes) {
            String chunk = body.substring(from, Math.min(body.length(), from + chunkBytes)); // ASCII: chars are bytes
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return request.append("0\r\n\r\n").toString();
    }

    // ---------------------------------------------------------------- rate limits

    @Test
    void aBurstOverTheServerLimitGets429WithARetryAfterInSeconds() {
        String key = throttled.defaultIntegrationKey();
        Reply limited = null;
        for (int i = 0; i < 50 && limited == null; i++) {
            Reply reply = throttled.push(key, json(trigger(uniqueKey())));
            if (reply.status() == 429) {
                limited = reply;
            } else {
                assertSuccess(reply);
            }
        }

        assertThat(limited).as("a burst of 50 pushes at 2 requests/s is limited").isNotNull();
        assertError(limited, 429, "RequestTooFrequently");
        assertThat(limited.retryAfter()).matches("[1-9][0-9]*");
    }

    @Test
    void anIntegrationWithZeroLimitsIsUnlimitedOnAThrottledServer() {
        JsonNode integration = createIntegration(throttled, 0, 0);
        String key = integration.get("integration_key").asText();

        for (int i = 0; i < 300; i++) {
            Reply reply = throttled.push(key, json(trigger(uniqueKey())));
            assertThat(reply.status()).as("push %d of 300", i + 1).isEqualTo(200);
        }
    }

    @Test
    void aPerIntegrationLimitAboveTheServerDefaultOverridesIt() {
        JsonNode integration = createIntegration(throttled, 1000, 0);
        String key = integration.get("integration_key").asText();

        for (int i = 0; i < 20; i++) {
            Reply reply = throttled.push(key, json(trigger(uniqueKey())));
            assertThat(reply.status()).as("push %d of 20", i + 1).isEqualTo(200);
        }
    }

    @Test
    void aPerIntegrationLimitBelowTheServerDefaultOverridesIt() {
        JsonNode integration = createIntegration(quell, 1, 1);
        String key = integration.get("integration_key").asText();

        assertSuccess(quell.push(key, json(trigger(uniqueKey()))));
        Reply limited = quell.push(key, json(trigger(uniqueKey())));

        assertError(limited, 429, "RequestTooFrequently");
        assertThat(limited.retryAfter()).matches("[1-9][0-9]*");
        // Limits are per integration: the server's default one is not affected.
        assertSuccess(quell.push(json(trigger(uniqueKey()))));
    }

    // ---------------------------------------------------------------- truncation (code points, never splitting one)

    @Test
    void aTitleRuleIsTruncatedTo512CodePointsWithoutSplittingAnEmoji() {
        ObjectNode body = trigger(uniqueKey());
        // The emoji is code point 512 but UTF-16 chars 512 and 513: a cut at char 512 would split it.
        body.put("title_rule", "r".repeat(511) + EMOJI + "tail");

        assertSuccess(quell.push(json(body)));

        JsonNode alert = alertByKey(body.get("alert_key").asText());
        assertThat(alert.get("title_rule").asText()).isEqualTo("r".repeat(511) + EMOJI);
        assertThat(alert.get("title").asText()).isEqualTo("r".repeat(511) + EMOJI);
    }

    @Test
    void aTitleRuleOfEmojiIsCutAfter512Emoji() {
        ObjectNode body = trigger(uniqueKey());
        body.put("title_rule", EMOJI.repeat(600));

        assertSuccess(quell.push(json(body)));

        assertThat(alertByKey(body.get("alert_key").asText()).get("title_rule").asText()).isEqualTo(EMOJI.repeat(512));
    }

    @Test
    void aRenderedTitleIsTruncatedTo512CodePoints() {
        ObjectNode body = trigger(uniqueKey());
        body.put("title_rule", "$a::$b");
        body.putObject("labels").put("a", "x".repeat(300)).put("b", EMOJI.repeat(300));

        assertSuccess(quell.push(json(body)));

        JsonNode alert = alertByKey(body.get("alert_key").asText());
        assertThat(alert.get("title_rule").asText()).isEqualTo("$a::$b");
        // 300 + " / " (3) + 209 emoji = 512 code points.
        assertThat(alert.get("title").asText()).isEqualTo("x".repeat(300) + " / " + EMOJI.repeat(209));
    }

    @Test
    void aDescriptionIsTruncatedTo2048CodePoints() {
        ObjectNode body = trigger(uniqueKey());
        body.put("description", "d".repeat(2047) + EMOJI + "tail");

        assertSuccess(quell.push(json(body)));

        assertThat(alertByKey(body.get("alert_key").asText()).get("description").asText())
                .isEqualTo("d".repeat(2047) + EMOJI);
    }

    @Test
    void labelKeysAreTruncatedTo128CodePoints() {
        ObjectNode body = trigger(uniqueKey());
        body.putObject("labels").put("k".repeat(127) + EMOJI + "tail", "v");

        assertSuccess(quell.push(json(body)));

        JsonNode labels = alertByKey(body.get("alert_key").asText()).get("labels");
        assertThat(fieldNames(labels)).containsExactly("k".repeat(127) + EMOJI);
        assertThat(labels.get("k".repeat(127) + EMOJI).asText()).isEqualTo("v");
    }

    @Test
    void labelValuesAreTruncatedTo2048CodePoints() {
        ObjectNode body = trigger(uniqueKey());
        body.putObject("labels").put("long", "v".repeat(2047) + EMOJI + "tail").put("emoji", EMOJI.repeat(2100));

        assertSuccess(quell.push(json(body)));

        JsonNode labels = alertByKey(body.get("alert_key").asText()).get("labels");
        assertThat(labels.get("long").asText()).isEqualTo("v".repeat(2047) + EMOJI);
        assertThat(labels.get("emoji").asText()).isEqualTo(EMOJI.repeat(2048));
    }

    @Test
    void unknownFieldsAreIgnored() {
        ObjectNode body = trigger(uniqueKey());
        body.put("severity", "whatever");
        body.put("event_id", 12);
        body.putObject("extra").putArray("nested").add(1).add("two");
        body.putNull("nothing");

        assertSuccess(quell.push(json(body)));
        assertThat(alertByKey(body.get("alert_key").asText()).get("alert_severity").asText()).isEqualTo("Warning");
    }

    // ---------------------------------------------------------------- derived alert_key

    @Test
    void aTriggerWithoutAlertKeyGetsADerivedKeyInData() {
        ObjectNode body = keyless("derived " + UUID.randomUUID());
        body.putObject("labels").put("host", "h1");

        Reply reply = quell.push(json(body));

        assertSuccess(reply);
        String key = reply.data().get("alert_key").asText();
        assertThat(key).isNotBlank();
        assertThat(alertByKey(key).get("title_rule").asText()).isEqualTo(body.get("title_rule").asText());
    }

    @Test
    void theSameTitleRuleAndLabelsInAnyOrderGiveTheSameKeyAndOneAlert() {
        String rule = "same " + UUID.randomUUID();
        ObjectNode first = keyless(rule);
        first.putObject("labels").put("a", "1").put("b", "2").put("c", "3");
        ObjectNode second = keyless(rule);
        second.putObject("labels").put("c", "3").put("a", "1").put("b", "2");
        assertThat(json(first)).isNotEqualTo(json(second));

        String firstKey = quell.push(json(first)).data().get("alert_key").asText();
        String secondKey = quell.push(json(second)).data().get("alert_key").asText();

        assertThat(secondKey).isEqualTo(firstKey);
        JsonNode alert = alertByKey(firstKey);
        assertThat(alert.get("event_cnt").asLong()).isEqualTo(2);
    }

    @Test
    void differentLabelsGiveADifferentDerivedKey() {
        String rule = "different " + UUID.randomUUID();
        ObjectNode first = keyless(rule);
        first.putObject("labels").put("host", "h1");
        ObjectNode second = keyless(rule);
        second.putObject("labels").put("host", "h2");
        ObjectNode third = keyless(rule);

        String firstKey = quell.push(json(first)).data().get("alert_key").asText();
        String secondKey = quell.push(json(second)).data().get("alert_key").asText();
        String thirdKey = quell.push(json(third)).data().get("alert_key").asText();

        assertThat(Set.of(firstKey, secondKey, thirdKey)).hasSize(3);
        assertThat(alertByKey(firstKey).get("event_cnt").asLong()).isEqualTo(1);
        assertThat(alertByKey(secondKey).get("event_cnt").asLong()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- images

    @Test
    void imagesAreTruncatedFilteredAndDeduplicatedByAlt() {
        ObjectNode body = trigger(uniqueKey());
        ArrayNode images = body.putArray("images");
        String longAlt = "a".repeat(127) + EMOJI + "tail";
        String longHref = "https://example.com/" + "h".repeat(300);
        String src256 = "https://example.com/" + "s".repeat(256 - "https://example.com/".length());
        images.addObject().put("src", "https://example.com/1.png").put("href", longHref).put("alt", longAlt);
        images.addObject().put("src", "https://example.com/" + "s".repeat(237)).put("alt", "too long src"); // 257
        images.addObject().put("src", "ftp://example.com/x.png").put("alt", "ftp");
        images.addObject().put("src", "javascript:alert(1)").put("alt", "script");
        images.addObject().put("src", "not a url").put("alt", "garbage");
        images.addObject().put("src", "https://example.com/dup.png").put("alt", longAlt); // same alt once truncated
        images.addObject().put("src", src256).put("href", "https://example.com").put("alt", "fits");
        images.addObject().put("src", "http://example.com/plain.png").put("alt", "fits");

        assertSuccess(quell.push(json(body)));

        JsonNode alert = alertInfo(alertByKey(body.get("alert_key").asText()).get("alert_id").asText());
        JsonNode stored = alert.get("images");
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0).get("src").asText()).isEqualTo("https://example.com/1.png");
        assertThat(stored.get(0).get("alt").asText()).isEqualTo("a".repeat(127) + EMOJI);
        assertThat(stored.get(0).get("href").asText()).isEqualTo(longHref.substring(0, 256));
        assertThat(stored.get(1).get("src").asText()).isEqualTo(src256);
        assertThat(stored.get(1).get("alt").asText()).isEqualTo("fits");
        assertThat(stored.get(1).get("href").asText()).isEqualTo("https://example.com");
    }

    // ---------------------------------------------------------------- title rules end to end

    @Test
    void aSimpleTitleRuleJoinsLabelValuesWithSlashes() {
        ObjectNode body = trigger(uniqueKey());
        body.put("title_rule", "$cluster::$resource::$check");
        body.putObject("labels").put("resource", "es.nj.01").put("check", "cpu.idle<20%").put("service", "engine")
                .put("cluster", "nj").put("metric", "node_cpu_seconds_total");

        assertSuccess(quell.push(json(body)));

        assertThat(titleOf(body)).isEqualTo("nj / es.nj.01 / cpu.idle<20%");
    }

    @Test
    void aMissingLabelStaysLiteralInASimpleTitleRule() {
        ObjectNode body = trigger(uniqueKey());
        body.put("title_rule", "$resource::$check");
        body.putObject("labels").put("resource", "127.0.0.1");

        assertSuccess(quell.push(json(body)));

        assertThat(titleOf(body)).isEqualTo("127.0.0.1 / $check");
    }

    @Test
    void aTemplateReadsALabelWithDollarBraces() {
        ObjectNode body = trigger(uniqueKey());
        body.put("title_rule", "[TPL]${resource} down");
        body.putObject("labels").put("resource", "es.nj.01");

        assertSuccess(quell.push(json(body)));

        assertThat(titleOf(body)).isEqualTo("es.nj.01 down");
    }

    @Test
    void aTemplateReadsALabelThroughDotLabels() {
        ObjectNode body = trigger(uniqueKey());
        body.put("title_rule", "[TPL]{{.Labels.resource}}");
        body.putObject("labels").put("resource", "es.nj.01");

        assertSuccess(quell.push(json(body)));

        assertThat(titleOf(body)).isEqualTo("es.nj.01");
    }

    @Test
    void aBrokenTemplateFallsBackToTheRawRuleAndThePushSucceeds() {
        ObjectNode body = trigger(uniqueKey());
        body.put("title_rule", "[TPL]{{.Labels.x");
        body.putObject("labels").put("x", "value");

        assertSuccess(quell.push(json(body)));

        assertThat(titleOf(body)).isEqualTo("[TPL]{{.Labels.x");
    }

    // ---------------------------------------------------------------- helpers

    private static String uniqueKey() {
        return "key-" + UUID.randomUUID();
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private static String pushPath(String integrationKey) {
        return PUSH_PATH + "?integration_key=" + integrationKey;
    }

    /** A valid Warning trigger with the given key. */
    private static ObjectNode trigger(String alertKey) {
        ObjectNode body = JSON.createObjectNode();
        body.put("event_status", "Warning");
        body.put("alert_key", alertKey);
        body.put("title_rule", "push api test");
        body.put("description", "cpu idle low than 20%");
        return body;
    }

    private static ObjectNode keyless(String titleRule) {
        ObjectNode body = JSON.createObjectNode();
        body.put("event_status", "Critical");
        body.put("title_rule", titleRule);
        return body;
    }

    private static ObjectNode labels(int count) {
        ObjectNode labels = JSON.createObjectNode();
        for (int i = 0; i < count; i++) {
            labels.put("label_" + i, "value " + i);
        }
        return labels;
    }

    /** The body as JSON, padded with an ignored field to exactly {@code bytes} UTF-8 bytes. */
    private static String padTo(ObjectNode body, int bytes) {
        body.put("padding", "");
        int base = json(body).getBytes(StandardCharsets.UTF_8).length;
        body.put("padding", "p".repeat(bytes - base));
        String padded = json(body);
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return padded;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertRequestId(Reply reply) {
        assertThat(reply.requestIdHeader()).matches(REQUEST_ID);
        assertThat(reply.body().path("request_id").asText()).isEqualTo(reply.requestIdHeader());
    }

    private static void assertSuccess(Reply reply) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(200);
        assertRequestId(reply);
        assertThat(reply.body().has("error")).isFalse();
        assertThat(reply.data().path("alert_key").asText()).isNotBlank();
    }

    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertRequestId(reply);
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.errorMessage()).isNotBlank();
        assertThat(reply.body().has("data")).isFalse();
    }

    private static void assertInvalid(Reply reply, String messagePart) {
        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).contains(messagePart);
    }

    /**
     * Sends bytes the HTTP client would refuse to send and returns {status, request-id header, body}. Lets the
     * tests reach the server's handling of requests whose head cannot be decoded.
     */
    private static String[] rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", quell.server().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = response.indexOf("\r\n\r\n");
            assertThat(headEnd).as("a complete response: %s", response).isPositive();
            String[] head = response.substring(0, headEnd).split("\r\n");
            String requestId = null;
            for (String header : head) {
                if (header.regionMatches(true, 0, Envelope.REQUEST_ID_HEADER + ":", 0,
                        Envelope.REQUEST_ID_HEADER.length() + 1)) {
                    requestId = header.substring(header.indexOf(':') + 1).trim();
                }
            }
            return new String[] {head[0].split(" ")[1], requestId, response.substring(headEnd + 4)};
        }
    }

    private static void assertRawError(String[] answer, int status, String code) throws IOException {
        assertThat(Integer.parseInt(answer[0])).isEqualTo(status);
        assertThat(answer[1]).matches(REQUEST_ID);
        JsonNode body = JSON.readTree(answer[2]);
        assertThat(body.get("request_id").asText()).isEqualTo(answer[1]);
        assertThat(body.get("error").get("code").asText()).isEqualTo(code);
        assertThat(body.has("data")).isFalse();
    }

    private static JsonNode createIntegration(RunningQuell server, int perSecond, int perMinute) {
        ObjectNode body = JSON.createObjectNode();
        body.put("integration_name", "limits " + perSecond + "/" + perMinute + " " + UUID.randomUUID());
        body.putObject("rate_limit").put("per_second", perSecond).put("per_minute", perMinute);
        Reply reply = server.openApi("/integration/create", json(body));
        assertThat(reply.status()).as("create integration: %s", reply.body()).isEqualTo(200);
        return reply.data();
    }

    private static Reply listAlerts(String alertKey) {
        ObjectNode query = JSON.createObjectNode();
        long now = nowSeconds();
        query.put("start_time", now - 3600).put("end_time", now + 3600);
        query.putArray("alert_keys").add(alertKey);
        Reply reply = quell.openApi("/alert/list", json(query));
        assertThat(reply.status()).as("alert/list: %s", reply.body()).isEqualTo(200);
        return reply;
    }

    private static long openAlerts(String alertKey) {
        return listAlerts(alertKey).data().get("total").asLong();
    }

    /** The one alert stored under {@code alertKey}. */
    private static JsonNode alertByKey(String alertKey) {
        JsonNode data = listAlerts(alertKey).data();
        assertThat(data.get("total").asLong()).as("alerts with key %s", alertKey).isEqualTo(1);
        return data.get("items").get(0);
    }

    private static JsonNode alertInfo(String alertId) {
        Reply reply = quell.openApi("/alert/info", json(JSON.createObjectNode().put("alert_id", alertId)));
        assertThat(reply.status()).as("alert/info: %s", reply.body()).isEqualTo(200);
        return reply.data();
    }

    private static String titleOf(ObjectNode pushed) {
        return alertByKey(pushed.get("alert_key").asText()).get("title").asText();
    }
}
