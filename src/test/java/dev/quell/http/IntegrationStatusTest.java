package dev.quell.http;

import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import org.junit.jupiter.api.Test;

import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;

class IntegrationStatusTest {
    private static final String EVENT = "{\"event_status\":\"Warning\",\"alert_key\":\"k\",\"title_rule\":\"t\"}";

    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(100, 1000);

    private static long createIntegration(String name) {
        return quell.openApi("/integration/create", "{\"integration_name\":\"" + name + "\"}")
                .data().path("integration_id").asLong();
    }

    private static String keyOf(long integrationId) {
        return quell.server().catalog().integration(integrationId).orElseThrow().integrationKey();
    }

    @Test
    void aDisabledIntegrationIsRefusedWithAccessDeniedUntilEnabledAgain() {
        long id = createIntegration("to-disable");
        String key = keyOf(id);
        assertThat(quell.push(key, EVENT).status()).isEqualTo(200);

        Reply disabled = quell.openApi("/integration/disable", "{\"integration_id\":" + id + "}");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.data().path("status").asText()).isEqualTo("disabled");

        Reply refused = quell.push(key, EVENT);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("AccessDenied");
        assertThat(refused.errorMessage()).contains("disabled");
        assertThat(refused.body().path("request_id").asText()).isEqualTo(refused.requestIdHeader());

        assertThat(quell.openApi("/integration/enable", "{\"integration_id\":" + id + "}").status()).isEqualTo(200);
        assertThat(quell.push(key, EVENT).status()).isEqualTo(200);
    }

    @Test
    void disablingOneIntegrationLeavesTheOthersOpen() {
        long disabled = createIntegration("off");
        long other = createIntegration("on");
        quell.openApi("/integration/disable", "{\"integration_id\":" + disabled + "}");

        assertThat(quell.push(keyOf(other), EVENT).status()).isEqualTo(200);
    }

    @Test
    void theStatusSurvivesInTheListing() {
        long id = createIntegration("listed");
        quell.openApi("/integration/disable", "{\"integration_id\":" + id + "}");

        Reply list = quell.openApi("/integration/list", "{\"limit\":100}");
        assertThat(list.data().path("items").findValues("integration_id").stream()
                .filter(n -> n.asLong() == id).count()).isEqualTo(1);
        assertThat(quell.server().store().integrations().stream()
                .filter(i -> i.integrationId() == id).findFirst().orElseThrow().status()).isEqualTo("disabled");
    }

    @Test
    void anUnknownIntegrationIdIsInvalidParameter() {
        Reply reply = quell.openApi("/integration/disable", "{\"integration_id\":987654}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidParameter");
        assertThat(reply.errorMessage()).contains("987654");
    }

    @Test
    void aDeletedIntegrationsKeyIsRefusedLikeAnUnknownOneAndItLeavesTheList() {
        long id = createIntegration("to-delete");
        String key = keyOf(id);
        assertThat(quell.push(key, EVENT).status()).isEqualTo(200);

        Reply deleted = quell.openApi("/integration/delete", "{\"integration_id\":" + id + "}");
        assertThat(deleted.status()).isEqualTo(200);

        Reply refused = quell.push(key, EVENT);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("InvalidParameter");
        assertThat(refused.errorMessage()).isEqualTo("integration_key is not a valid one");
        Reply list = quell.openApi("/integration/list", "{\"limit\":100}");
        assertThat(list.data().path("items").findValues("integration_id").stream().map(n -> n.asLong()))
                .isNotEmpty().doesNotContain(id);
    }

    @Test
    void aDeletedIntegrationsAlertsStayReadable() {
        long id = createIntegration("deleted-with-alerts");
        assertThat(quell.push(keyOf(id), "{\"event_status\":\"Critical\",\"alert_key\":\"kept\","
                + "\"title_rule\":\"kept after delete\"}").status()).isEqualTo(200);
        quell.openApi("/integration/delete", "{\"integration_id\":" + id + "}");

        long now = System.currentTimeMillis() / 1000;
        Reply alerts = quell.openApi("/alert/list", "{\"start_time\":" + (now - 3600) + ",\"end_time\":"
                + (now + 60) + ",\"integration_ids\":[" + id + "]}");
        assertThat(alerts.status()).isEqualTo(200);
        assertThat(alerts.data().path("items").size()).isEqualTo(1);
        assertThat(alerts.data().path("items").get(0).path("title").asText()).isEqualTo("kept after delete");
        assertThat(alerts.data().path("items").get(0).path("integration_name").asText())
                .isEqualTo("deleted-with-alerts");
    }

    @Test
    void deletingIsFinal() {
        long id = createIntegration("gone");
        quell.openApi("/integration/delete", "{\"integration_id\":" + id + "}");

        for (String again : new String[] {"/integration/enable", "/integration/disable", "/integration/delete"}) {
            Reply reply = quell.openApi(again, "{\"integration_id\":" + id + "}");
            assertThat(reply.status()).as(again).isEqualTo(400);
            assertThat(reply.errorCode()).as(again).isEqualTo("InvalidParameter");
            assertThat(reply.errorMessage()).as(again).isEqualTo("integration_id " + id + " is deleted");
        }
        assertThat(quell.push(keyOf(id), EVENT).status()).isEqualTo(400);
    }

    @Test
    void theListSaysWhenEachIntegrationLastReceivedAnEvent() {
        long quiet = createIntegration("quiet");
        long busy = createIntegration("busy");
        long before = System.currentTimeMillis() / 1000;
        assertThat(quell.push(keyOf(busy), EVENT).status()).isEqualTo(200);

        Map<Long, Long> lastEvents = new java.util.HashMap<>();
        quell.openApi("/integration/list", "{\"limit\":100}").data().path("items").forEach(item ->
                lastEvents.put(item.path("integration_id").asLong(), item.path("last_event_time").asLong(-1)));
        assertThat(lastEvents.get(quiet)).isZero();
        assertThat(lastEvents.get(busy)).isBetween(before, before + 60);
        assertThat(quell.openApi("/integration/disable", "{\"integration_id\":" + busy + "}").data()
                .path("last_event_time").asLong()).isEqualTo(lastEvents.get(busy));
    }

    @Test
    void aDeletedIntegrationTakesNoPipelineEnrichmentOrRoute() {
        long id = createIntegration("gone-with-its-steps");
        quell.openApi("/integration/delete", "{\"integration_id\":" + id + "}");

        for (String[] upsert : new String[][] {{"/alert/pipeline/upsert", "\"rules\":[]"},
                {"/enrichment/upsert", "\"rules\":[]"}, {"/route/upsert", "\"cases\":[]"}}) {
            Reply reply = quell.openApi(upsert[0], "{\"integration_id\":" + id + "," + upsert[1] + "}");
            assertThat(reply.status()).as(upsert[0]).isEqualTo(400);
            assertThat(reply.errorMessage()).as(upsert[0]).isEqualTo("integration_id " + id + " is deleted");
        }
    }

    @Test
    void deletingAnUnknownIntegrationIsInvalidParameter() {
        Reply reply = quell.openApi("/integration/delete", "{\"integration_id\":987655}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("InvalidParameter");
        assertThat(reply.errorMessage()).isEqualTo("integration_id 987655 does not exist");
        assertThat(quell.openApi("/integration/delete", "{}").errorMessage()).isEqualTo("integration_id is required");
    }
}
