package dev.quell.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /channel/unsubscribe/rule/*}: drop rules, over a real socket, and what they do to pushed events. */
class DropRulesApiTest {
    private static final String TEST_ENV = "[[{\"key\":\"labels.env\",\"oper\":\"IN\",\"vals\":[\"test\"]}]]";

    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private static long channel() {
        return quell.createChannel("{\"channel_name\":\"drops " + System.nanoTime() + "\"}");
    }

    private static String createRule(long channel, String name, int priority, String filters) {
        Reply reply = quell.openApi("/channel/unsubscribe/rule/create", "{\"channel_id\":" + channel
                + ",\"rule_name\":\"" + name + "\",\"priority\":" + priority + ",\"filters\":" + filters + "}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.data().path("rule_name").asText()).isEqualTo(name);
        return reply.data().path("rule_id").asText();
    }

    private static Reply push(String key, String alertKey, String env, String status) {
        return quell.push(key, "{\"title_rule\":\"disk full\",\"event_status\":\"" + status + "\",\"alert_key\":\""
                + alertKey + "\",\"labels\":{\"env\":\"" + env + "\"}}");
    }

    private static long alertsWithKey(String alertKey) {
        long now = System.currentTimeMillis() / 1000;
        return quell.openApi("/alert/list", "{\"start_time\":" + (now - 3600) + ",\"end_time\":" + (now + 60)
                + ",\"alert_keys\":[\"" + alertKey + "\"]}").data().path("total").asLong();
    }

    private static JsonNode rules(long channel) {
        return quell.openApi("/channel/unsubscribe/rule/list", "{\"channel_id\":" + channel + "}").data().path("items");
    }

    @Test
    void aMatchingEventIsAcknowledgedButLeavesNoRecordAndIsCounted() throws Exception {
        long channel = channel();
        String key = quell.integrationKeyIn(channel);
        String ruleId = createRule(channel, "drop test env", 0, TEST_ENV);

        Reply dropped = push(key, "d-test", "test", "Critical");
        assertThat(dropped.status()).isEqualTo(200);
        assertThat(dropped.data().path("alert_key").asText()).isEqualTo("d-test");
        assertThat(push(key, "d-prod", "prod", "Critical").status()).isEqualTo(200);

        assertThat(alertsWithKey("d-test")).isZero();
        assertThat(alertsWithKey("d-prod")).isEqualTo(1);
        assertThat(rules(channel).get(0).path("events_cnt").asLong()).isEqualTo(1);
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(quell.baseUrl() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("quell_rule_events_total{rule_id=\"" + ruleId + "\"} 1")
                .containsPattern("quell_events_total\\{outcome=\"dropped\"} [1-9]");
    }

    @Test
    void aRecoveryReachesItsAlertEvenWhenARuleMatchesIt() {
        long channel = channel();
        String key = quell.integrationKeyIn(channel);
        assertThat(push(key, "r-1", "test", "Warning").status()).isEqualTo(200);
        createRule(channel, "drop test env", 0, TEST_ENV);

        assertThat(push(key, "r-1", "test", "Ok").status()).isEqualTo(200);

        long now = System.currentTimeMillis() / 1000;
        JsonNode alert = quell.openApi("/alert/list", "{\"start_time\":" + (now - 3600) + ",\"end_time\":" + (now + 60)
                + ",\"alert_keys\":[\"r-1\"]}").data().path("items").get(0);
        assertThat(alert.path("alert_status").asText()).isEqualTo("Ok");
    }

    @Test
    void rulesListByPriorityAndCanBeUpdatedDisabledEnabledAndDeleted() {
        long channel = channel();
        String key = quell.integrationKeyIn(channel);
        String late = createRule(channel, "late", 9, "[[{\"key\":\"severity\",\"oper\":\"IN\",\"vals\":[\"Info\"]}]]");
        String early = createRule(channel, "early", 1, TEST_ENV);
        assertThat(rules(channel)).extracting(r -> r.path("rule_id").asText()).containsExactly(early, late);

        quell.openApi("/channel/unsubscribe/rule/disable", "{\"channel_id\":" + channel + ",\"rule_id\":\"" + early + "\"}");
        assertThat(rules(channel).get(0).path("status").asText()).isEqualTo("disabled");
        push(key, "u-1", "test", "Warning");
        assertThat(alertsWithKey("u-1")).as("a disabled rule drops nothing").isEqualTo(1);

        quell.openApi("/channel/unsubscribe/rule/enable", "{\"channel_id\":" + channel + ",\"rule_id\":\"" + early + "\"}");
        Reply update = quell.openApi("/channel/unsubscribe/rule/update", "{\"channel_id\":" + channel + ",\"rule_id\":\""
                + early + "\",\"rule_name\":\"early v2\",\"filters\":[[{\"key\":\"labels.env\",\"oper\":\"IN\","
                + "\"vals\":[\"staging\"]}]]}");
        assertThat(update.status()).isEqualTo(200);
        push(key, "u-2", "test", "Warning");
        push(key, "u-3", "staging", "Warning");
        assertThat(alertsWithKey("u-2")).isEqualTo(1);
        assertThat(alertsWithKey("u-3")).isZero();
        assertThat(rules(channel).get(0).path("rule_name").asText()).isEqualTo("early v2");
        assertThat(rules(channel).get(0).path("priority").asInt()).as("kept when not given").isEqualTo(1);

        quell.openApi("/channel/unsubscribe/rule/delete", "{\"channel_id\":" + channel + ",\"rule_id\":\"" + early + "\"}");
        assertThat(rules(channel)).extracting(r -> r.path("rule_id").asText()).containsExactly(late);
        push(key, "u-4", "staging", "Warning");
        assertThat(alertsWithKey("u-4")).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"rule_name\":\"x\",\"filters\":[]|filters is required",
            "\"rule_name\":\"x\"|filters is required",
            "\"rule_name\":\"x\",\"filters\":[[{\"key\":\"labels.ip\",\"oper\":\"IN\",\"vals\":[\"cidr:10.0.0/33\"]}]]|filters[0][0] labels.ip",
            "\"rule_name\":\"x\",\"filters\":[[{\"key\":\"labels.a\",\"oper\":\"LIKE\",\"vals\":[\"a\"]}]]|filters[0][0]",
            "\"rule_name\":\"x\",\"filters\":{}|filters",
            "\"rule_name\":\"\",\"filters\":[[{\"key\":\"title\",\"oper\":\"IN\",\"vals\":[\"a\"]}]]|rule_name",
            "\"rule_name\":\"0123456789012345678901234567890123456789\",\"filters\":[[{\"key\":\"title\",\"oper\":\"IN\",\"vals\":[\"a\"]}]]|rule_name",
            "\"rule_name\":\"x\",\"priority\":-1,\"filters\":[[{\"key\":\"title\",\"oper\":\"IN\",\"vals\":[\"a\"]}]]|priority",
    })
    void invalidRulesAreRefusedNamingTheProblem(String fields, String expected) {
        Reply reply = quell.openApi("/channel/unsubscribe/rule/create", "{\"channel_id\":" + channel() + "," + fields + "}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidParameter");
        assertThat(reply.errorMessage()).contains(expected);
    }

    @Test
    void unknownChannelsAndRulesAreRefused() {
        long channel = channel();
        assertThat(quell.openApi("/channel/unsubscribe/rule/list", "{\"channel_id\":777777}").errorMessage())
                .contains("777777");
        assertThat(quell.openApi("/channel/unsubscribe/rule/delete", "{\"channel_id\":" + channel
                + ",\"rule_id\":\"aaaaaaaaaaaaaaaaaaaaaaaa\"}").errorMessage()).contains("aaaaaaaaaaaaaaaaaaaaaaaa");
        String other = createRule(channel(), "elsewhere", 0, TEST_ENV);
        assertThat(quell.openApi("/channel/unsubscribe/rule/disable", "{\"channel_id\":" + channel
                + ",\"rule_id\":\"" + other + "\"}").errorMessage()).contains("is not a drop rule of channel");
    }
}
