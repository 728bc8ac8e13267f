package dev.quell.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;

/** A push URL's {@code severity} and {@code title_rule} query parameters. */
class PushOverridesTest {
    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private static Reply push(String query, String body) {
        return quell.send("POST", "/event/push/alert/standard?integration_key=" + quell.defaultIntegrationKey() + query,
                "application/json", body);
    }

    private static JsonNode alert(String alertKey) {
        long now = System.currentTimeMillis() / 1000;
        return quell.openApi("/alert/list", "{\"start_time\":" + (now - 3600) + ",\"end_time\":" + (now + 60)
                + ",\"alert_keys\":[\"" + alertKey + "\"]}").data().path("items").path(0);
    }

    @Test
    void severityForcesTriggersButLeavesRecoveries() {
        assertThat(push("&severity=Critical", "{\"title_rule\":\"t\",\"event_status\":\"Info\",\"alert_key\":\"s-1\"}")
                .status()).isEqualTo(200);
        assertThat(alert("s-1").path("alert_severity").asText()).isEqualTo("Critical");

        assertThat(push("&severity=Critical", "{\"title_rule\":\"t\",\"event_status\":\"Ok\",\"alert_key\":\"s-1\"}")
                .status()).isEqualTo(200);
        assertThat(alert("s-1").path("alert_status").asText()).isEqualTo("Ok");
    }

    @Test
    void titleRuleReplacesTheBodysAndMayStandInForIt() {
        assertThat(push("&title_rule=%24host", "{\"title_rule\":\"ignored\",\"event_status\":\"Warning\","
                + "\"alert_key\":\"t-1\",\"labels\":{\"host\":\"web-1\"}}").status()).isEqualTo(200);
        assertThat(alert("t-1").path("title").asText()).isEqualTo("web-1");

        assertThat(push("&title_rule=fixed", "{\"event_status\":\"Warning\",\"alert_key\":\"t-2\"}").status())
                .isEqualTo(200);
        assertThat(alert("t-2").path("title").asText()).isEqualTo("fixed");
    }

    @Test
    void invalidOverridesAreRefusedNamingTheParameter() {
        Reply severity = push("&severity=Ok", "{\"title_rule\":\"t\",\"event_status\":\"Warning\"}");
        assertThat(severity.status()).isEqualTo(400);
        assertThat(severity.errorMessage()).contains("severity");
        Reply title = push("&title_rule=", "{\"event_status\":\"Warning\"}");
        assertThat(title.status()).isEqualTo(400);
        assertThat(title.errorMessage()).contains("title_rule");
    }
}
