package dev.quell.console;

import dev.quell.engine.Integration;
import dev.quell.testing.ConsoleClient;
import dev.quell.testing.ConsoleClient.Page;
import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The integrations page and an integration's page, driven over the socket as a signed-in user. */
class IntegrationPagesTest {
    private static final String EVENT = "{\"event_status\":\"Warning\",\"alert_key\":\"k\",\"title_rule\":\"t\"}";
    /** The URL and body of the page's curl example: {@code curl -X POST '<url>' ... -d '<body>'}. */
    private static final Pattern CURL = Pattern.compile("curl -X POST '([^']*)' .* -d '(.*)'", Pattern.DOTALL);

    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(100, 1000);

    private final ConsoleClient console = ConsoleClient.signedIn(quell);

    /** Creates an integration through the Open API and answers its id. */
    private static long createIntegration(String fields) {
        Reply created = quell.openApi("/integration/create", fields);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        return created.data().path("integration_id").asLong();
    }

    private static Integration integration(long id) {
        return quell.server().catalog().integration(id).orElseThrow();
    }

    private static Element row(Page list, long id) {
        return list.html().selectFirst("tr.integration[data-integration-id=" + id + "]");
    }

    @Test
    void anIntegrationCreatedOnThePageIsListedAndShowsItsPushUrlAndACurlExampleThatWorks() {
        Page list = console.get("/integrations");
        String channel = list.html().selectFirst("#create select[name=channel] option").attr("value");

        Page created = console.submit("/integrations/create", Map.of("name", "from the page", "channel", channel));

        assertThat(created.notice()).isEqualTo("Created. Push events to the URL below.");
        long id = Long.parseLong(created.html().selectFirst("article").attr("data-integration-id"));
        String key = integration(id).integrationKey();
        assertThat(created.html().selectFirst("#push-url").text())
                .isEqualTo(quell.baseUrl() + "/event/push/alert/standard?integration_key=" + key);
        assertThat(created.html().selectFirst("#channel").text()).isEqualTo("Default");

        Matcher curl = CURL.matcher(created.html().selectFirst("pre#curl").wholeText());
        assertThat(curl.matches()).as(created.html().selectFirst("pre#curl").wholeText()).isTrue();
        URI url = URI.create(curl.group(1));
        assertThat(url.getQuery()).isEqualTo("integration_key=" + key);
        Reply pushed = quell.send("POST", url.getRawPath() + "?" + url.getRawQuery(), "application/json",
                curl.group(2));
        assertThat(pushed.status()).as(pushed.body().toString()).isEqualTo(200);
        assertThat(pushed.data().path("alert_key").asText()).isEqualTo("64f6b9df2007be4b0bfe56f6");

        Element listed = row(console.get("/integrations"), id);
        assertThat(listed).isNotNull();
        assertThat(listed.selectFirst("a").text()).isEqualTo("from the page");
        assertThat(listed.selectFirst(".channel").text()).isEqualTo("Default");
        assertThat(listed.selectFirst(".integration-status").text()).isEqualTo("enabled");
    }

    @Test
    void theLastEventTimeMovesFromNeverAfterAPush() {
        long id = createIntegration("{\"integration_name\":\"quiet until now\"}");
        assertThat(row(console.get("/integrations"), id).selectFirst(".last-event").text()).isEqualTo("never");
        assertThat(console.get("/integrations/" + id).html().selectFirst("#last-event").text()).isEqualTo("never");

        long before = System.currentTimeMillis() / 1000;
        assertThat(quell.push(integration(id).integrationKey(), EVENT).status()).isEqualTo(200);

        String shown = console.get("/integrations/" + id).html().selectFirst("#last-event").text();
        assertThat(shown).isNotEqualTo("never").endsWith("ago)");
        assertThat(java.util.List.of(Formats.time(before), Formats.time(before + 1), Formats.time(before + 2)))
                .anyMatch(shown::startsWith);
        assertThat(row(console.get("/integrations"), id).selectFirst(".last-event").text()).isNotEqualTo("never");
    }

    @Test
    void disablingRefusesItsPushesAndEnablingAcceptsThemAgain() {
        long id = createIntegration("{\"integration_name\":\"switched\"}");
        String key = integration(id).integrationKey();
        console.get("/integrations/" + id);

        Page disabled = console.submit("/integrations/" + id + "/disable", Map.of());
        assertThat(disabled.notice()).startsWith("Disabled");
        assertThat(disabled.html().selectFirst("#status").text()).isEqualTo("disabled");
        assertThat(disabled.html().selectFirst("#enable")).isNotNull();
        assertThat(quell.push(key, EVENT).status()).isEqualTo(403);

        Page enabled = console.submit("/integrations/" + id + "/enable", Map.of());
        assertThat(enabled.html().selectFirst("#status").text()).isEqualTo("enabled");
        assertThat(enabled.html().selectFirst("#disable")).isNotNull();
        assertThat(quell.push(key, EVENT).status()).isEqualTo(200);
    }

    @Test
    void deletingTakesTheConfirmation() {
        long id = createIntegration("{\"integration_name\":\"to be deleted\"}");
        String key = integration(id).integrationKey();
        console.get("/integrations/" + id);

        Page unconfirmed = console.submit("/integrations/" + id + "/delete", Map.of());
        assertThat(unconfirmed.notice()).isEqualTo("Not deleted: tick the box to confirm.");
        assertThat(row(console.get("/integrations"), id)).isNotNull();
        assertThat(quell.push(key, EVENT).status()).isEqualTo(200);

        console.get("/integrations/" + id);
        Page deleted = console.post("/integrations/" + id + "/delete", Map.of("confirm", "yes"));
        assertThat(deleted.location()).isEqualTo("/integrations");
        Page list = console.get(deleted.location());
        assertThat(list.notice()).startsWith("Deleted to be deleted");
        assertThat(row(list, id)).isNull();
        assertThat(console.get("/integrations/" + id).status()).isEqualTo(404);
        Reply refused = quell.push(key, EVENT);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorMessage()).isEqualTo("integration_key is not a valid one");
    }

    @Test
    void theRateLimitIsItsOwnOrTheServerDefault() {
        Page list = console.get("/integrations");
        String channel = list.html().selectFirst("#create select[name=channel] option").attr("value");
        Page own = console.submit("/integrations/create", Map.of("name", "limited", "channel", channel,
                "per_second", "5", "per_minute", "0"));
        assertThat(own.html().selectFirst("#rate-limit").text())
                .isEqualTo("5 requests per second (its own); unlimited per minute (its own)");

        long defaults = createIntegration("{\"integration_name\":\"defaults\"}");
        assertThat(console.get("/integrations/" + defaults).html().selectFirst("#rate-limit").text())
                .isEqualTo("100 requests per second (server default); 1000 requests per minute (server default)");
    }

    @Test
    void aRefusedCreationSaysWhy() {
        console.get("/integrations");
        assertThat(console.submit("/integrations/create", Map.of("name", "bad limit", "channel", "0",
                "per_second", "fast")).notice()).startsWith("Not created: the rate limit per second must be");
        assertThat(console.submit("/integrations/create", Map.of("name", "no channel", "channel", "999999"))
                .notice()).isEqualTo("Not created: channel_id 999999 does not exist");
        assertThat(console.submit("/integrations/create", Map.of("name", " ", "channel", "0")).notice())
                .isEqualTo("Not created: integration_name is required");
        assertThat(console.get("/integrations").html().select("tr.integration a").eachText())
                .doesNotContain("bad limit", "no channel");
    }

    @Test
    void aSharedIntegrationShowsItsRouteInWords() {
        long channel = quell.createChannel("{\"channel_name\":\"Databases\"}");
        Page created = console.submit("/integrations/create", Map.of("name", "shared one", "channel", "0"));
        long id = Long.parseLong(created.html().selectFirst("article").attr("data-integration-id"));
        assertThat(created.html().selectFirst("#channel").text()).isEqualTo("shared, routed");
        assertThat(row(console.get("/integrations"), id).selectFirst(".channel").text()).isEqualTo("shared, routed");

        assertThat(quell.openApi("/route/upsert", "{\"integration_id\":" + id + ",\"cases\":[{\"if\":[[{\"key\":"
                + "\"labels.service\",\"oper\":\"IN\",\"vals\":[\"db\",\"cache\"]}]],\"channel_ids\":[" + channel
                + "]}],\"default\":{\"channel_ids\":[]}}").status()).isEqualTo(200);

        assertThat(console.get("/integrations/" + id).html().select("#route .rules li").eachText()).containsExactly(
                "Case 1: Events where labels.service is one of \u201cdb\u201d, \u201ccache\u201d go to Databases; "
                        + "no later case is tried",
                "Events no case takes are refused: the route has no default channels");
    }

    @Test
    void pipelineAndEnrichmentRulesSetThroughTheOpenApiAppearInWords() {
        long id = createIntegration("{\"integration_name\":\"with rules\"}");
        assertThat(quell.openApi("/alert/pipeline/upsert", "{\"integration_id\":" + id + ",\"rules\":["
                + "{\"kind\":\"severity_reset\",\"if\":[[{\"key\":\"labels.env\",\"oper\":\"IN\",\"vals\":[\"prod\"]}]],"
                + "\"settings\":{\"severity\":\"Critical\"}},"
                + "{\"kind\":\"title_reset\",\"settings\":{\"title\":\"$host is down\"}},"
                + "{\"kind\":\"alert_drop\",\"if\":[[{\"key\":\"severity\",\"oper\":\"NOTIN\",\"vals\":[\"Critical\"]}]]}"
                + "]}").status()).isEqualTo(200);
        assertThat(quell.openApi("/enrichment/upsert", "{\"integration_id\":" + id + ",\"rules\":["
                + "{\"kind\":\"extraction\",\"settings\":{\"source_field\":\"title\",\"pattern\":\"host=(?P<result>\\\\w+)\","
                + "\"result_label\":\"host\"}},"
                + "{\"kind\":\"drop\",\"settings\":{\"drop_labels\":[\"secret\",\"token\"]}}"
                + "]}").status()).isEqualTo(200);

        Page page = console.get("/integrations/" + id);

        assertThat(page.html().select("#pipeline .rules li").eachText()).containsExactly(
                "Set the severity to Critical, for events where labels.env is \u201cprod\u201d",
                "Set the title to \u201c$host is down\u201d, for every event",
                "Drop the event, for events where severity is not \u201cCritical\u201d");
        assertThat(page.html().select("#enrichment .rules li").eachText()).containsExactly(
                "Extract from title what \u201chost=(?P<result>\\w+)\u201d matches into the label host "
                        + "(unless the event already has it), for every event",
                "Remove the labels secret, token, for every event");
        assertThat(page.html().selectFirst("#route")).as("only a shared integration has a route").isNull();
    }

    @Test
    void thePipelineCanBeEditedAsJsonAndRefusalsShowTheApisMessage() {
        long id = createIntegration("{\"integration_name\":\"edited\"}");
        Page page = console.get("/integrations/" + id);
        assertThat(page.html().selectFirst("#pipeline textarea[name=rules]").text()).isEqualTo("[ ]");

        Page saved = console.submit("/integrations/" + id + "/pipeline", Map.of("rules",
                "[{\"kind\":\"severity_reset\",\"settings\":{\"severity\":\"Info\"}}]"));
        assertThat(saved.notice()).isEqualTo("Alert pipeline saved.");
        assertThat(saved.html().select("#pipeline .rules li").eachText())
                .containsExactly("Set the severity to Info, for every event");
        assertThat(saved.html().selectFirst("#pipeline textarea[name=rules]").text()).contains("\"severity_reset\"");
        assertThat(quell.server().catalog().pipeline(id).orElseThrow().rules()).hasSize(1);

        Page badKind = console.submit("/integrations/" + id + "/pipeline", Map.of("rules", "[{\"kind\":\"nope\"}]"));
        assertThat(badKind.notice()).startsWith("Not saved: rules[0].kind must be title_reset");
        Page notJson = console.submit("/integrations/" + id + "/enrichment", Map.of("rules", "[{"));
        assertThat(notJson.notice()).startsWith("Not saved: that is not valid JSON");
        assertThat(quell.server().catalog().pipeline(id).orElseThrow().rules()).hasSize(1);
    }

    @Test
    void aSharedIntegrationsRouteCanBeEditedAsJson() {
        long channel = quell.createChannel("{\"channel_name\":\"Routed here\"}");
        long id = createIntegration("{\"integration_name\":\"routed\",\"channel_id\":0}");
        console.get("/integrations/" + id);

        Page saved = console.submit("/integrations/" + id + "/route",
                Map.of("route", "{\"default\":{\"channel_ids\":[" + channel + "]}}"));

        assertThat(saved.notice()).isEqualTo("Route saved.");
        assertThat(saved.html().select("#route .rules li").eachText())
                .containsExactly("Events no case takes go to Routed here");
        assertThat(quell.push(integration(id).integrationKey(), EVENT).status()).isEqualTo(200);
        assertThat(console.submit("/integrations/" + id + "/route", Map.of("route", "[]")).notice())
                .startsWith("Not saved: the route must be a JSON object");
    }

    @Test
    void anUnknownOrMalformedIntegrationIsNotFound() {
        assertThat(console.get("/integrations/987654").status()).isEqualTo(404);
        assertThat(console.get("/integrations/abc").status()).isEqualTo(404);
    }
}
