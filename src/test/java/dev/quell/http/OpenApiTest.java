package dev.quell.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quell.engine.Channel;
import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Open API ({@code POST /<resource>/<action>?app_key=...}) over a real socket: authentication, integration
 * and channel endpoints, and the read endpoints for alerts, their events and incidents, including what a
 * recovery does to them. Each test works in its own integration (or with its own title token), so the tests
 * share one server without seeing each other's alerts.
 */
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f]{32}");
    private static final long DAY = 24 * 3600;
    private static final List<String> PATHS = List.of("/integration/create", "/integration/list", "/channel/list",
            "/channel/info", "/alert/list", "/alert/info", "/alert/event/list", "/incident/list", "/incident/info",
            "/incident/alert/list");

    @TempDir
    static Path dir;
    static RunningQuell quell;
    static long defaultChannelId;
    /** A second channel, for the channel filters; there is no Open API to create channels yet. */
    static Channel secondChannel;

    @BeforeAll
    static void start() {
        quell = RunningQuell.start(dir, 0, 0);
        defaultChannelId = quell.server().catalog().channels().get(0).channelId();
        long secondId = quell.openApi("/channel/create",
                "{\"channel_name\":\"Second\",\"description\":\"for channel filters\"}").data().path("channel_id").asLong();
        secondChannel = quell.server().catalog().channel(secondId).orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (quell != null) {
            quell.close();
        }
    }

    // ---------------------------------------------------------------- authentication and request shape

    @ParameterizedTest
    @ValueSource(strings = {"/integration/create", "/integration/list", "/channel/list", "/channel/info",
            "/alert/list", "/alert/info", "/alert/event/list", "/incident/list", "/incident/info",
            "/incident/alert/list"})
    void aMissingAppKeyIsUnauthorized(String path) {
        Reply reply = quell.send("POST", path, "application/json", "{}");

        assertError(reply, 401, "Unauthorized");
        assertThat(reply.errorMessage()).contains("app_key");
    }

    @Test
    void aWrongAppKeyIsUnauthorizedOnEveryEndpoint() {
        for (String path : PATHS) {
            Reply reply = quell.send("POST", path + "?app_key=" + RunningQuell.APP_KEY + "x", "application/json", "{}");
            assertError(reply, 401, "Unauthorized");
        }
        assertError(quell.send("POST", "/channel/list?app_key=", "application/json", "{}"), 401, "Unauthorized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"channel_id\": }", "not json"})
    void aMalformedBodyIsInvalidParameter(String body) {
        Reply reply = quell.openApi("/channel/info", body);

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).contains("JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "1"})
    void aBodyThatIsNotAJsonObjectIsInvalidParameter(String body) {
        Reply reply = quell.openApi("/channel/list", body);

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).contains("JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonl"})
    void aNonJsonContentTypeWithABodyIsInvalidContentType(String contentType) {
        Reply reply = quell.send("POST", "/channel/list?app_key=" + RunningQuell.APP_KEY, contentType, "{}");

        assertError(reply, 400, "InvalidContentType");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON"})
    void aJsonContentTypeWithABodyIsAccepted(String contentType) {
        Reply reply = quell.send("POST", "/channel/info?app_key=" + RunningQuell.APP_KEY, contentType,
                json(object().put("channel_id", defaultChannelId)));

        assertOk(reply);
        assertThat(reply.data().get("channel_name").asText()).isEqualTo("Default");
    }

    @Test
    void anEmptyBodyNeedsNoContentType() {
        Reply reply = quell.send("POST", "/channel/list?app_key=" + RunningQuell.APP_KEY, null, null);

        assertOk(reply);
    }

    @Test
    void getOnAnOpenApiPathIsMethodNotAllowed() {
        assertError(quell.send("GET", "/alert/list?app_key=" + RunningQuell.APP_KEY, null, null), 400,
                "MethodNotAllowed");
    }

    // ---------------------------------------------------------------- integrations

    @Test
    void createIntegrationReturnsItsIdKeyChannelAndAPushUrlThatWorks() {
        JsonNode created = call("/integration/create", object().put("integration_name", "created " + token()));

        assertThat(created.get("integration_id").asLong()).isPositive();
        assertThat(created.get("integration_key").asText()).matches("[0-9a-f]{32}");
        assertThat(created.get("channel_id").asLong()).isEqualTo(defaultChannelId);
        assertThat(created.get("integration_type").asText()).isEqualTo("standard");
        String pushUrl = created.get("push_url").asText();
        assertThat(pushUrl).isEqualTo(quell.baseUrl() + "/event/push/alert/standard?integration_key="
                + created.get("integration_key").asText());

        URI uri = URI.create(pushUrl);
        Reply pushed = quell.send("POST", uri.getRawPath() + "?" + uri.getRawQuery(), "application/json",
                json(trigger("via push_url", "Info")));
        assertOk(pushed);
        JsonNode alerts = listAlerts(window().set("integration_ids", JSON.createArrayNode()
                .add(created.get("integration_id").asLong())));
        assertThat(alerts.get("total").asLong()).isEqualTo(1);
        assertThat(alerts.get("items").get(0).get("alert_key").asText())
                .isEqualTo(pushed.data().get("alert_key").asText());
    }

    @Test
    void createIntegrationInAGivenChannelWithItsOwnRateLimit() {
        ObjectNode body = object().put("integration_name", "limited " + token()).put("channel_id",
                secondChannel.channelId());
        body.putObject("rate_limit").put("per_second", 5).put("per_minute", 60);

        JsonNode created = call("/integration/create", body);

        assertThat(created.get("channel_id").asLong()).isEqualTo(secondChannel.channelId());
        assertThat(created.get("rate_limit").get("per_second").asInt()).isEqualTo(5);
        assertThat(created.get("rate_limit").get("per_minute").asInt()).isEqualTo(60);
    }

    @ParameterizedTest
    @ValueSource(strings = {"per_second", "per_minute"})
    void aNegativeRateLimitIsRejectedNamingTheField(String field) {
        ObjectNode body = object().put("integration_name", "negative " + token());
        body.putObject("rate_limit").put(field, -1);

        Reply reply = quell.openApi("/integration/create", json(body));

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).contains("rate_limit." + field);
    }

    @Test
    void anUnknownChannelIdIsRejectedOnCreate() {
        Reply reply = quell.openApi("/integration/create",
                json(object().put("integration_name", "nowhere").put("channel_id", 987_654_321L)));

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).contains("channel_id");
    }

    @Test
    void createIntegrationWithoutANameIsRejected() {
        Reply reply = quell.openApi("/integration/create", "{}");

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).contains("integration_name");
    }

    @Test
    void integrationListIncludesTheDefaultAndCreatedIntegrations() {
        JsonNode created = newIntegration();
        JsonNode inSecond = newIntegration(secondChannel.channelId());

        JsonNode all = call("/integration/list", object().put("limit", 100));
        assertThat(ids(all.get("items"), "integration_id")).contains(created.get("integration_id").asText(),
                inSecond.get("integration_id").asText());
        assertThat(all.get("items").get(0).get("integration_name").asText()).isEqualTo("Default standard integration");
        assertThat(all.get("total").asLong()).isEqualTo(all.get("items").size());
        assertThat(all.get("has_next_page").asBoolean()).isFalse();

        ObjectNode bySecond = object();
        bySecond.putArray("channel_ids").add(secondChannel.channelId());
        JsonNode second = call("/integration/list", bySecond.put("limit", 100));
        assertThat(ids(second.get("items"), "integration_id")).contains(inSecond.get("integration_id").asText())
                .doesNotContain(created.get("integration_id").asText());
    }

    // ---------------------------------------------------------------- channels

    @Test
    void channelListIncludesDefault() {
        JsonNode channels = call("/channel/list", object());

        List<String> names = new ArrayList<>();
        channels.get("items").forEach(c -> names.add(c.get("channel_name").asText()));
        assertThat(names).contains("Default", "Second");
        assertThat(channels.get("total").asLong()).isEqualTo(channels.get("items").size());
    }

    @Test
    void channelInfoReturnsTheDefaultChannel() {
        JsonNode channel = call("/channel/info", object().put("channel_id", defaultChannelId));

        assertThat(channel.get("channel_id").asLong()).isEqualTo(defaultChannelId);
        assertThat(channel.get("channel_name").asText()).isEqualTo("Default");
        assertThat(channel.get("status").asText()).isEqualTo("enabled");
    }

    @Test
    void channelInfoForAnUnknownIdIsRejected() {
        Reply reply = quell.openApi("/channel/info", json(object().put("channel_id", 987_654_321L)));

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).contains("channel_id");
    }

    // ---------------------------------------------------------------- alert list

    @Test
    void alertListFiltersByIsActive() {
        JsonNode integration = newIntegration();
        String key = integration.get("integration_key").asText();
        push(key, trigger("active one", "Warning").put("alert_key", "active"));
        push(key, trigger("recovered one", "Warning").put("alert_key", "recovered"));
        push(key, ok("recovered"));

        assertThat(alertKeys(inIntegration(integration).put("is_active", true))).containsExactly("active");
        assertThat(alertKeys(inIntegration(integration).put("is_active", false))).containsExactly("recovered");
        assertThat(alertKeys(inIntegration(integration))).containsExactlyInAnyOrder("active", "recovered");
    }

    @Test
    void alertListFiltersBySeverity() {
        JsonNode integration = newIntegration();
        String key = integration.get("integration_key").asText();
        push(key, trigger("critical", "Critical").put("alert_key", "c"));
        push(key, trigger("warning", "Warning").put("alert_key", "w"));
        push(key, trigger("info", "Info").put("alert_key", "i"));

        assertThat(alertKeys(inIntegration(integration).put("alert_severity", "Critical,Warning")))
                .containsExactlyInAnyOrder("c", "w");
        assertThat(alertKeys(inIntegration(integration).put("alert_severity", "Info"))).containsExactly("i");
    }

    @Test
    void anUnknownSeverityInTheFilterIsRejected() {
        Reply reply = quell.openApi("/alert/list", json(window().put("alert_severity", "Critical,Fatal")));

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).contains("alert_severity").contains("Fatal");
    }

    @Test
    void alertListFiltersByAlertKeys() {
        JsonNode integration = newIntegration();
        String key = integration.get("integration_key").asText();
        for (String alertKey : List.of("k1", "k2", "k3")) {
            push(key, trigger("keyed " + alertKey, "Warning").put("alert_key", alertKey));
        }

        ObjectNode query = inIntegration(integration);
        query.putArray("alert_keys").add("k1").add("k3");
        assertThat(alertKeys(query)).containsExactlyInAnyOrder("k1", "k3");
    }

    @Test
    void alertListFiltersByIntegrationIds() {
        JsonNode first = newIntegration();
        JsonNode second = newIntegration();
        push(first.get("integration_key").asText(), trigger("first", "Warning").put("alert_key", "one"));
        push(second.get("integration_key").asText(), trigger("second", "Warning").put("alert_key", "two"));

        assertThat(alertKeys(inIntegration(first))).containsExactly("one");
        ObjectNode both = window();
        both.putArray("integration_ids").add(first.get("integration_id").asLong())
                .add(second.get("integration_id").asLong());
        assertThat(alertKeys(both)).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void alertListFiltersByChannelIds() {
        JsonNode inDefault = newIntegration();
        JsonNode inSecond = newIntegration(secondChannel.channelId());
        String shared = "channel-" + token();
        push(inDefault.get("integration_key").asText(), trigger("in default", "Warning").put("alert_key", shared));
        push(inSecond.get("integration_key").asText(), trigger("in second", "Warning").put("alert_key", shared));

        ObjectNode query = window();
        query.putArray("alert_keys").add(shared);
        query.putArray("channel_ids").add(secondChannel.channelId());
        JsonNode page = listAlerts(query);

        assertThat(page.get("total").asLong()).isEqualTo(1);
        JsonNode alert = page.get("items").get(0);
        assertThat(alert.get("title").asText()).isEqualTo("in second");
        assertThat(alert.get("channel_id").asLong()).isEqualTo(secondChannel.channelId());
        assertThat(alert.get("channel_name").asText()).isEqualTo("Second");
    }

    @Test
    void alertListPagesWithTotalAndHasNextPage() {
        JsonNode integration = newIntegration();
        for (int i = 0; i < 5; i++) {
            push(integration.get("integration_key").asText(), trigger("paged " + i, "Info").put("alert_key", "p" + i));
        }

        JsonNode first = listAlerts(inIntegration(integration).put("limit", 2).put("p", 1));
        JsonNode second = listAlerts(inIntegration(integration).put("limit", 2).put("p", 2));
        JsonNode third = listAlerts(inIntegration(integration).put("limit", 2).put("p", 3));
        JsonNode beyond = listAlerts(inIntegration(integration).put("limit", 2).put("p", 4));

        assertThat(List.of(first, second, third, beyond)).allSatisfy(page ->
                assertThat(page.get("total").asLong()).isEqualTo(5));
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("has_next_page").asBoolean()).isTrue();
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.get("has_next_page").asBoolean()).isTrue();
        assertThat(third.get("items")).hasSize(1);
        assertThat(third.get("has_next_page").asBoolean()).isFalse();
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("has_next_page").asBoolean()).isFalse();
        Set<String> seen = new HashSet<>();
        seen.addAll(ids(first.get("items"), "alert_id"));
        seen.addAll(ids(second.get("items"), "alert_id"));
        seen.addAll(ids(third.get("items"), "alert_id"));
        assertThat(seen).hasSize(5);
    }

    @Test
    void alertListWithoutStartTimeIsRejected() {
        Reply reply = quell.openApi("/alert/list", json(object().put("end_time", nowSeconds())));

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).contains("start_time");
    }

    @Test
    void alertListWithoutEndTimeIsRejected() {
        Reply reply = quell.openApi("/alert/list", json(object().put("start_time", nowSeconds())));

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).contains("end_time");
    }

    @Test
    void alertListSpanningMoreThan31DaysIsRejected() {
        long end = nowSeconds() + 60;
        Reply tooLong = quell.openApi("/alert/list",
                json(object().put("start_time", end - 31 * DAY - 1).put("end_time", end)));
        Reply exactly = quell.openApi("/alert/list",
                json(object().put("start_time", end - 31 * DAY).put("end_time", end)));

        assertError(tooLong, 400, "InvalidParameter");
        assertThat(tooLong.errorMessage()).contains("31 days");
        assertOk(exactly);
    }

    @Test
    void alertListWithEndBeforeStartIsRejected() {
        long now = nowSeconds();
        Reply reply = quell.openApi("/alert/list", json(object().put("start_time", now).put("end_time", now - 10)));

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).contains("end_time");
    }

    @ParameterizedTest
    @ValueSource(ints = {101, 0, -1})
    void alertListLimitOutside1To100IsRejected(int limit) {
        Reply reply = quell.openApi("/alert/list", json(window().put("limit", limit)));

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).contains("limit").contains("100");
    }

    @Test
    void alertListLimitOf100IsAccepted() {
        assertOk(quell.openApi("/alert/list", json(window().put("limit", 100))));
    }

    // ---------------------------------------------------------------- alert info and events

    @Test
    void alertInfoReturnsTheAlertWithItsIncident() {
        JsonNode integration = newIntegration();
        ObjectNode event = trigger("info " + token(), "Critical").put("alert_key", "info-key")
                .put("description", "disk full");
        event.putObject("labels").put("host", "db-1");
        push(integration.get("integration_key").asText(), event);
        String alertId = onlyAlert(integration).get("alert_id").asText();

        JsonNode alert = call("/alert/info", object().put("alert_id", alertId));

        assertThat(alert.get("alert_id").asText()).isEqualTo(alertId);
        assertThat(alert.get("alert_key").asText()).isEqualTo("info-key");
        assertThat(alert.get("title").asText()).isEqualTo(event.get("title_rule").asText());
        assertThat(alert.get("description").asText()).isEqualTo("disk full");
        assertThat(alert.get("alert_severity").asText()).isEqualTo("Critical");
        assertThat(alert.get("alert_status").asText()).isEqualTo("Critical");
        assertThat(alert.get("end_time").asLong()).isZero();
        assertThat(alert.get("event_cnt").asLong()).isEqualTo(1);
        assertThat(alert.get("labels").get("host").asText()).isEqualTo("db-1");
        assertThat(alert.get("integration_id").asLong()).isEqualTo(integration.get("integration_id").asLong());
        assertThat(alert.get("integration_name").asText()).isEqualTo(integration.get("integration_name").asText());
        assertThat(alert.get("channel_name").asText()).isEqualTo("Default");
        assertThat(alert.get("incident").get("incident_id").asText()).matches("[0-9a-f]{24}");
        assertThat(alert.get("incident").get("title").asText()).isEqualTo(event.get("title_rule").asText());
        assertThat(alert.get("incident").get("progress").asText()).isEqualTo("Triggered");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/alert/info", "/alert/event/list"})
    void anUnknownOrMalformedAlertIdIsRejected(String path) {
        assertError(quell.openApi(path, json(object().put("alert_id", "0123456789abcdef01234567"))), 400,
                "InvalidParameter");
        assertError(quell.openApi(path, json(object().put("alert_id", "nope"))), 400, "InvalidParameter");
        assertError(quell.openApi(path, "{}"), 400, "InvalidParameter");
    }

    @Test
    void anExactRepeatIsCountedButNotStoredAsANewEvent() {
        JsonNode integration = newIntegration();
        ObjectNode event = trigger("repeat " + token(), "Warning").put("alert_key", "repeat");
        push(integration.get("integration_key").asText(), event);
        push(integration.get("integration_key").asText(), event);

        JsonNode alert = onlyAlert(integration);
        assertThat(alert.get("event_cnt").asLong()).isEqualTo(2);
        JsonNode events = call("/alert/event/list", object().put("alert_id", alert.get("alert_id").asText()));
        assertThat(events.get("items")).hasSize(1);
        assertThat(events.get("items").get(0).get("event_status").asText()).isEqualTo("Warning");
    }

    @Test
    void aChangedDescriptionIsStoredAsANewEvent() {
        JsonNode integration = newIntegration();
        String key = integration.get("integration_key").asText();
        String title = "changed " + token();
        push(key, trigger(title, "Warning").put("alert_key", "changed").put("description", "first"));
        push(key, trigger(title, "Warning").put("alert_key", "changed").put("description", "second"));

        JsonNode alert = onlyAlert(integration);
        assertThat(alert.get("event_cnt").asLong()).isEqualTo(2);
        assertThat(alert.get("description").asText()).isEqualTo("second");
        JsonNode events = call("/alert/event/list", object().put("alert_id", alert.get("alert_id").asText()));
        List<String> descriptions = new ArrayList<>();
        events.get("items").forEach(e -> descriptions.add(e.get("description").asText()));
        assertThat(descriptions).containsExactlyInAnyOrder("first", "second");
        assertThat(events.get("items")).allSatisfy(e -> {
            assertThat(e.get("alert_id").asText()).isEqualTo(alert.get("alert_id").asText());
            assertThat(e.get("alert_key").asText()).isEqualTo("changed");
        });
    }

    // ---------------------------------------------------------------- incidents

    @Test
    void incidentListFiltersByProgress() {
        JsonNode integration = newIntegration();
        String key = integration.get("integration_key").asText();
        String token = token();
        push(key, trigger(token + " open", "Warning").put("alert_key", "open"));
        push(key, trigger(token + " closed", "Warning").put("alert_key", "closed"));
        push(key, ok("closed"));

        assertThat(incidentTitles(incidents(token).put("progress", "Triggered"))).containsExactly(token + " open");
        assertThat(incidentTitles(incidents(token).put("progress", "Closed"))).containsExactly(token + " closed");
        assertThat(incidentTitles(incidents(token).put("progress", "Triggered,Closed")))
                .containsExactlyInAnyOrder(token + " open", token + " closed");
    }

    @Test
    void incidentListFiltersBySeverity() {
        JsonNode integration = newIntegration();
        String key = integration.get("integration_key").asText();
        String token = token();
        push(key, trigger(token + " critical", "Critical").put("alert_key", "c"));
        push(key, trigger(token + " warning", "Warning").put("alert_key", "w"));
        push(key, trigger(token + " info", "Info").put("alert_key", "i"));

        assertThat(incidentTitles(incidents(token).put("incident_severity", "Critical")))
                .containsExactly(token + " critical");
        assertThat(incidentTitles(incidents(token).put("incident_severity", "Critical,Warning")))
                .containsExactlyInAnyOrder(token + " critical", token + " warning");
    }

    @Test
    void incidentListQuerySearchesTheTitle() {
        JsonNode integration = newIntegration();
        String key = integration.get("integration_key").asText();
        String token = token();
        push(key, trigger("disk " + token + " full on db-1", "Warning").put("alert_key", "match"));
        push(key, trigger("something else entirely", "Warning").put("alert_key", "other"));

        JsonNode page = listIncidents(incidents(token));

        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("title").asText()).isEqualTo("disk " + token + " full on db-1");
        assertThat(listIncidents(incidents(token + " full")).get("total").asLong()).isEqualTo(1);
    }

    @Test
    void incidentListWithoutStartTimeIsRejected() {
        Reply reply = quell.openApi("/incident/list", json(object().put("end_time", nowSeconds())));

        assertError(reply, 400, "InvalidParameter");
        assertThat(reply.errorMessage()).contains("start_time");
    }

    @Test
    void incidentInfoReturnsTheIncident() {
        JsonNode integration = newIntegration();
        String title = "incident " + token();
        push(integration.get("integration_key").asText(), trigger(title, "Critical").put("alert_key", "inc"));
        String incidentId = onlyAlert(integration).get("incident").get("incident_id").asText();

        JsonNode incident = call("/incident/info", object().put("incident_id", incidentId));

        assertThat(incident.get("incident_id").asText()).isEqualTo(incidentId);
        assertThat(incident.get("num").asText()).isEqualTo(incidentId.substring(18).toUpperCase());
        assertThat(incident.get("title").asText()).isEqualTo(title);
        assertThat(incident.get("incident_severity").asText()).isEqualTo("Critical");
        assertThat(incident.get("incident_status").asText()).isEqualTo("Critical");
        assertThat(incident.get("progress").asText()).isEqualTo("Triggered");
        assertThat(incident.get("channel_id").asLong()).isEqualTo(defaultChannelId);
        assertThat(incident.get("alert_cnt").asLong()).isEqualTo(1);
        assertThat(incident.get("active_alert_cnt").asLong()).isEqualTo(1);
        assertThat(incident.get("end_time").asLong()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/incident/info", "/incident/alert/list"})
    void anUnknownOrMalformedIncidentIdIsRejected(String path) {
        assertError(quell.openApi(path, json(object().put("incident_id", "0123456789abcdef01234567"))), 400,
                "InvalidParameter");
        assertError(quell.openApi(path, json(object().put("incident_id", "xyz"))), 400, "InvalidParameter");
        assertError(quell.openApi(path, "{}"), 400, "InvalidParameter");
    }

    @Test
    void incidentAlertListReturnsTheIncidentsAlerts() {
        JsonNode integration = newIntegration();
        push(integration.get("integration_key").asText(), trigger("with alerts " + token(), "Info")
                .put("alert_key", "ia"));
        JsonNode alert = onlyAlert(integration);
        String incidentId = alert.get("incident").get("incident_id").asText();

        JsonNode alerts = call("/incident/alert/list", object().put("incident_id", incidentId));

        assertThat(alerts.get("total").asLong()).isEqualTo(1);
        assertThat(alerts.get("has_next_page").asBoolean()).isFalse();
        assertThat(alerts.get("items").get(0).get("alert_id").asText()).isEqualTo(alert.get("alert_id").asText());
    }

    // ---------------------------------------------------------------- recovery

    @Test
    void anOkRecoversTheOpenAlertAndClosesItsIncident() {
        JsonNode integration = newIntegration();
        String key = integration.get("integration_key").asText();
        push(key, trigger("recovering " + token(), "Critical").put("alert_key", "r"));
        JsonNode open = onlyAlert(integration);
        String incidentId = open.get("incident").get("incident_id").asText();

        Reply recovered = quell.push(key, json(ok("r")));

        assertOk(recovered);
        assertThat(recovered.data().get("alert_key").asText()).isEqualTo("r");
        JsonNode alert = call("/alert/info", object().put("alert_id", open.get("alert_id").asText()));
        assertThat(alert.get("alert_status").asText()).isEqualTo("Ok");
        assertThat(alert.get("alert_severity").asText()).isEqualTo("Critical");
        assertThat(alert.get("end_time").asLong()).isGreaterThanOrEqualTo(alert.get("start_time").asLong()).isPositive();
        assertThat(alert.get("event_cnt").asLong()).isEqualTo(2);
        assertThat(alert.get("incident").get("progress").asText()).isEqualTo("Closed");
        JsonNode incident = call("/incident/info", object().put("incident_id", incidentId));
        assertThat(incident.get("progress").asText()).isEqualTo("Closed");
        assertThat(incident.get("incident_status").asText()).isEqualTo("Ok");
        assertThat(incident.get("active_alert_cnt").asLong()).isZero();
        assertThat(incident.get("end_time").asLong()).isPositive();
        assertThat(incident.get("close_time").asLong()).isPositive();
    }

    @Test
    void aTriggerAfterRecoveryOpensANewAlertAndANewIncident() {
        JsonNode integration = newIntegration();
        String key = integration.get("integration_key").asText();
        String title = "again " + token();
        push(key, trigger(title, "Warning").put("alert_key", "again"));
        String firstIncident = onlyAlert(integration).get("incident").get("incident_id").asText();
        push(key, ok("again"));

        push(key, trigger(title, "Warning").put("alert_key", "again"));

        JsonNode alerts = listAlerts(inIntegration(integration));
        assertThat(alerts.get("total").asLong()).isEqualTo(2);
        JsonNode active = listAlerts(inIntegration(integration).put("is_active", true));
        assertThat(active.get("total").asLong()).isEqualTo(1);
        JsonNode reopened = active.get("items").get(0);
        assertThat(reopened.get("alert_key").asText()).isEqualTo("again");
        assertThat(reopened.get("event_cnt").asLong()).isEqualTo(1);
        assertThat(reopened.get("incident").get("incident_id").asText()).isNotEqualTo(firstIncident);
        assertThat(reopened.get("incident").get("progress").asText()).isEqualTo("Triggered");
        assertThat(listIncidents(incidents(title)).get("total").asLong()).isEqualTo(2);
    }

    @Test
    void anOkForAKeyWithNoOpenAlertReturns200AndChangesNothing() {
        JsonNode integration = newIntegration();
        String key = integration.get("integration_key").asText();

        Reply never = quell.push(key, json(ok("never-triggered")));

        assertOk(never);
        assertThat(never.data().get("alert_key").asText()).isEqualTo("never-triggered");
        assertThat(listAlerts(inIntegration(integration)).get("total").asLong()).isZero();

        push(key, trigger("twice recovered " + token(), "Info").put("alert_key", "twice"));
        push(key, ok("twice"));
        JsonNode before = onlyAlert(integration);
        assertOk(quell.push(key, json(ok("twice"))));
        JsonNode after = onlyAlert(integration);
        assertThat(after.get("event_cnt").asLong()).isEqualTo(before.get("event_cnt").asLong());
        assertThat(after.get("updated_at").asLong()).isEqualTo(before.get("updated_at").asLong());
        assertThat(after.get("end_time").asLong()).isEqualTo(before.get("end_time").asLong());
    }

    // ---------------------------------------------------------------- helpers

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private static String token() {
        return "t" + UUID.randomUUID().toString().replace("-", "");
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode trigger(String titleRule, String status) {
        return object().put("event_status", status).put("title_rule", titleRule).put("description", "");
    }

    private static ObjectNode ok(String alertKey) {
        return object().put("event_status", "Ok").put("title_rule", "recovered").put("alert_key", alertKey);
    }

    private static void push(String integrationKey, ObjectNode event) {
        assertOk(quell.push(integrationKey, json(event)));
    }

    private static void assertEnvelope(Reply reply) {
        assertThat(reply.requestIdHeader()).matches(REQUEST_ID);
        assertThat(reply.body().path("request_id").asText()).isEqualTo(reply.requestIdHeader());
    }

    private static void assertOk(Reply reply) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(200);
        assertEnvelope(reply);
        assertThat(reply.body().has("error")).isFalse();
        assertThat(reply.body().has("data")).isTrue();
    }

    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertEnvelope(reply);
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.errorMessage()).isNotBlank();
        assertThat(reply.body().has("data")).isFalse();
    }

    /** Calls an Open API path, expects 200, and returns {@code data}. */
    private static JsonNode call(String path, ObjectNode body) {
        Reply reply = quell.openApi(path, json(body));
        assertOk(reply);
        return reply.data();
    }

    private static JsonNode newIntegration() {
        return newIntegration(defaultChannelId);
    }

    private static JsonNode newIntegration(long channelId) {
        return call("/integration/create", object().put("integration_name", "it " + token())
                .put("channel_id", channelId));
    }

    /** An hour either side of now: covers everything the test just created. */
    private static ObjectNode window() {
        long now = nowSeconds();
        return object().put("start_time", now - 3600).put("end_time", now + 3600);
    }

    private static ObjectNode inIntegration(JsonNode integration) {
        ObjectNode query = window();
        query.putArray("integration_ids").add(integration.get("integration_id").asLong());
        return query;
    }

    private static ObjectNode incidents(String query) {
        return window().put("query", query);
    }

    private static JsonNode listAlerts(ObjectNode query) {
        return call("/alert/list", query);
    }

    private static JsonNode listIncidents(ObjectNode query) {
        return call("/incident/list", query);
    }

    private static List<String> alertKeys(ObjectNode query) {
        return texts(listAlerts(query).get("items"), "alert_key");
    }

    private static List<String> incidentTitles(ObjectNode query) {
        return texts(listIncidents(query).get("items"), "title");
    }

    private static JsonNode onlyAlert(JsonNode integration) {
        JsonNode page = listAlerts(inIntegration(integration));
        assertThat(page.get("total").asLong()).isEqualTo(1);
        return page.get("items").get(0);
    }

    private static List<String> ids(JsonNode items, String field) {
        return texts(items, field);
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }
}
