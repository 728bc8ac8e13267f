package dev.quell.shard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.config.NetworkTransport;
import dev.quell.config.Settings;
import dev.quell.config.StartupRefused;
import dev.quell.testing.RunningQuell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestartTest {
    private static final String TRIGGER = "{\"event_status\":\"%s\",\"alert_key\":\"disk-1\",\"title_rule\":\"disk full\"}";

    private static String alertListBody() {
        long now = System.currentTimeMillis() / 1000;
        return "{\"start_time\":" + (now - 3600) + ",\"end_time\":" + (now + 3600) + ",\"alert_keys\":[\"disk-1\"]}";
    }

    @Test
    void anEventAfterRestartContinuesTheSameAlertAndIncident(@TempDir Path data) {
        JsonNode before;
        String integrationKey;
        try (RunningQuell quell = RunningQuell.start(data)) {
            integrationKey = quell.defaultIntegrationKey();
            assertThat(quell.push(String.format(TRIGGER, "Warning")).status()).isEqualTo(200);
            before = quell.openApi("/alert/list", alertListBody()).data().path("items").get(0);
        }

        try (RunningQuell quell = RunningQuell.start(data)) {
            assertThat(quell.defaultIntegrationKey()).as("the integration survives").isEqualTo(integrationKey);
            assertThat(quell.push(String.format(TRIGGER, "Critical")).status()).isEqualTo(200);
            JsonNode alerts = quell.openApi("/alert/list", alertListBody()).data();

            assertThat(alerts.path("total").asLong()).isEqualTo(1);
            JsonNode after = alerts.path("items").get(0);
            assertThat(after.path("alert_id").asText()).isEqualTo(before.path("alert_id").asText());
            assertThat(after.path("event_cnt").asLong()).isEqualTo(2);
            assertThat(after.path("alert_severity").asText()).isEqualTo("Critical");
            assertThat(after.path("incident").path("incident_id").asText())
                    .isEqualTo(before.path("incident").path("incident_id").asText());
            JsonNode incident = quell.openApi("/incident/info",
                    "{\"incident_id\":\"" + after.path("incident").path("incident_id").asText() + "\"}").data();
            assertThat(incident.path("incident_severity").asText()).isEqualTo("Critical");
            assertThat(incident.path("alert_event_cnt").asLong()).isEqualTo(2);
        }
    }

    @Test
    void anOkAfterRestartRecoversTheAlertOpenedBefore(@TempDir Path data) {
        try (RunningQuell quell = RunningQuell.start(data)) {
            assertThat(quell.push(String.format(TRIGGER, "Warning")).status()).isEqualTo(200);
        }
        try (RunningQuell quell = RunningQuell.start(data)) {
            assertThat(quell.push(String.format(TRIGGER, "Ok")).status()).isEqualTo(200);
            JsonNode alert = quell.openApi("/alert/list", alertListBody()).data().path("items").get(0);
            assertThat(alert.path("alert_status").asText()).isEqualTo("Ok");
            assertThat(alert.path("incident").path("progress").asText()).isEqualTo("Closed");
        }
    }

    @Test
    void groupingSettingsAndOpenGroupsSurviveARestart(@TempDir Path data) {
        String groupedEvent = "{\"event_status\":\"Warning\",\"alert_key\":\"%s\",\"title_rule\":\"%s\","
                + "\"labels\":{\"service\":\"orders\"}}";
        String integrationKey;
        String incidentId;
        try (RunningQuell quell = RunningQuell.start(data)) {
            long channel = quell.createChannel("{\"channel_name\":\"Grouped\",\"group\":{\"method\":\"p\","
                    + "\"equals\":[[\"labels.service\"]],\"time_window\":60,\"window_type\":\"sliding\"}}");
            integrationKey = quell.integrationKeyIn(channel);
            assertThat(quell.push(integrationKey, String.format(groupedEvent, "disk-1", "disk full")).status())
                    .isEqualTo(200);
            incidentId = quell.openApi("/alert/list", alertListBody()).data().path("items").get(0).path("incident")
                    .path("incident_id").asText();
        }

        try (RunningQuell quell = RunningQuell.start(data)) {
            assertThat(quell.push(integrationKey, String.format(groupedEvent, "disk-2", "latency high")).status())
                    .isEqualTo(200);
            JsonNode incident = quell.openApi("/incident/info", "{\"incident_id\":\"" + incidentId + "\"}").data();
            assertThat(incident.path("alert_cnt").asLong()).as("the second alert joined the first's incident")
                    .isEqualTo(2);
            assertThat(incident.path("title").asText()).isEqualTo("disk full");
        }
    }

    @Test
    void dropRulesSurviveARestart(@TempDir Path data) {
        try (RunningQuell quell = RunningQuell.start(data)) {
            long channel = quell.server().catalog().channels().get(0).channelId();
            assertThat(quell.openApi("/channel/unsubscribe/rule/create", "{\"channel_id\":" + channel
                    + ",\"rule_name\":\"no disks\",\"filters\":[[{\"key\":\"title\",\"oper\":\"IN\","
                    + "\"vals\":[\"/disk/\"]}]]}").status()).isEqualTo(200);
        }
        try (RunningQuell quell = RunningQuell.start(data)) {
            assertThat(quell.push(String.format(TRIGGER, "Warning")).status()).isEqualTo(200);
            assertThat(quell.openApi("/alert/list", alertListBody()).data().path("total").asLong())
                    .as("the restored rule dropped the event").isZero();
        }
    }

    @Test
    void firstStartCreatesTheDefaultChannelAndAnOwnerOnlyAppKeyShownOnce(@TempDir Path data) throws Exception {
        String key;
        try (RunningQuell first = RunningQuell.start(generatingItsAppKey(data, RunningQuell.freePort()))) {
            Path keyFile = data.resolve("app_key");
            key = Files.readString(keyFile).trim();
            assertThat(key).matches("[0-9a-f]{32}");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            assertThat(first.console()).contains(key).contains("Default")
                    .contains("/event/push/alert/standard?integration_key=" + first.defaultIntegrationKey());
        }
        try (RunningQuell second = RunningQuell.start(generatingItsAppKey(data, RunningQuell.freePort()))) {
            assertThat(second.console()).doesNotContain(key).doesNotContain("Created channel");
            assertThat(second.server().appKey()).isEqualTo(key);
            assertThat(second.server().catalog().channels()).hasSize(1);
        }
    }

    @Test
    void aFirstStartRefusedForItsPortLeavesTheAppKeyAndDefaultChannelToTheStartThatListens(@TempDir Path data)
            throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Settings onTakenPort = generatingItsAppKey(data, taken.getLocalPort());
            assertThatThrownBy(() -> RunningQuell.start(onTakenPort)).isInstanceOf(StartupRefused.class);
        }
        assertThat(data.resolve("app_key")).doesNotExist();

        try (RunningQuell listening = RunningQuell.start(generatingItsAppKey(data, RunningQuell.freePort()))) {
            assertThat(listening.console())
                    .contains("Open API app_key").contains(Files.readString(data.resolve("app_key")).trim())
                    .contains("Created channel \"Default\"")
                    .contains("/event/push/alert/standard?integration_key=" + listening.defaultIntegrationKey());
        }
    }

    /** Settings without QUELL_APP_KEY, so the server uses (or creates) the key kept in the data directory. */
    private static Settings generatingItsAppKey(Path data, int port) {
        return new Settings("127.0.0.1", port, data, null, null, 100, 1000, 1000, 100, false, NetworkTransport.AUTO);
    }
}
