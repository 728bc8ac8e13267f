package dev.quell.console;

import dev.quell.testing.ConsoleClient;
import dev.quell.testing.ConsoleClient.Page;
import dev.quell.testing.RunningQuell;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts page and an alert's page, driven over the socket as a signed-in user. */
class AlertPagesTest {
    private static final String HOST_FILTER = "[[{\"key\":\"labels.host\",\"oper\":\"IN\",\"vals\":[\"%s\"]}]]";

    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private final ConsoleClient console = ConsoleClient.signedIn(quell);

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** A channel of the test's own, so its alerts can be listed apart from every other test's. */
    private static long channel(String name) {
        return quell.createChannel("{\"channel_name\":\"" + name + " " + System.nanoTime() + "\"}");
    }

    private static void push(String integrationKey, String alertKey, String status, String title, String host) {
        RunningQuell.Reply reply = quell.push(integrationKey, "{\"title_rule\":\"" + title + "\",\"event_status\":\""
                + status + "\",\"alert_key\":\"" + alertKey + "\",\"labels\":{\"host\":\"" + host + "\"}}");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    }

    private static List<String> listedTitles(Document page) {
        return page.select("tr.alert td:nth-child(2) a").eachText();
    }

    private String alertIdOf(long channel, String title) {
        Element link = console.get("/alerts?status=all&channel=" + channel).html()
                .select("tr.alert td:nth-child(2) a").stream().filter(a -> a.text().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("alert " + title + " is not listed"));
        return link.attr("href").substring("/alerts/".length());
    }

    @Test
    void theStatusFilterSeparatesActiveFromRecoveredAlerts() {
        long channel = channel("filters");
        String key = quell.integrationKeyIn(channel);
        push(key, "recovers", "Warning", "Recovers soon", "web-1");
        push(key, "recovers", "Ok", "Recovers soon", "web-1");
        push(key, "stays", "Critical", "Stays down", "web-2");

        Document active = console.get("/alerts?channel=" + channel).html();
        assertThat(listedTitles(active)).containsExactly("Stays down");
        assertThat(active.select("tr.alert .status").eachText()).containsExactly("Active");
        assertThat(active.selectFirst("select[name=status] option[selected]").attr("value")).isEqualTo("active");

        Document recovered = console.get("/alerts?status=recovered&channel=" + channel).html();
        assertThat(listedTitles(recovered)).containsExactly("Recovers soon");
        assertThat(recovered.select("tr.alert .status").eachText()).containsExactly("Recovered");

        assertThat(listedTitles(console.get("/alerts?status=all&channel=" + channel).html()))
                .containsExactly("Stays down", "Recovers soon");
        Page fragment = console.get("/alerts/list?status=all&severity=Critical&channel=" + channel);
        assertThat(fragment.body()).doesNotContain("<html");
        assertThat(listedTitles(fragment.html())).containsExactly("Stays down");
        assertThat(listedTitles(console.get("/alerts?status=all&key=recovers&channel=" + channel).html()))
                .containsExactly("Recovers soon");
    }

    @Test
    void pagingGoesToOlderAlertsWithoutRepeatingAny() {
        long channel = channel("paging");
        String key = quell.integrationKeyIn(channel);
        for (int i = 0; i < AlertPages.PAGE_SIZE + 3; i++) {
            push(key, "paging-" + i, "Info", "paging " + i, "host-" + i);
        }
        Document first = console.get("/alerts?channel=" + channel).html();
        List<String> firstIds = first.select("tr.alert").eachAttr("data-alert-id");
        assertThat(firstIds).hasSize(AlertPages.PAGE_SIZE);
        assertThat(listedTitles(first).get(0)).isEqualTo("paging " + (AlertPages.PAGE_SIZE + 2));
        String older = first.select(".pager a").last().attr("href");
        List<String> secondIds = console.get(older).html().select("tr.alert").eachAttr("data-alert-id");
        assertThat(secondIds).hasSize(3).doesNotContainAnyElementsOf(firstIds);
    }

    @Test
    void anAlertsPageListsItsEventsNewestFirstWithTheirStatuses() {
        long channel = channel("events");
        String key = quell.integrationKeyIn(channel);
        push(key, "db", "Warning", "Database slow", "db-1");
        push(key, "db", "Critical", "Database down", "db-1");
        push(key, "db", "Ok", "Database down", "db-1");
        String alertId = alertIdOf(channel, "Database down");

        Document page = console.get("/alerts/" + alertId).html();
        assertThat(page.selectFirst("h1").text()).endsWith("Database down");
        assertThat(page.selectFirst("#status").text()).isEqualTo("Recovered");
        assertThat(page.select("table.events tr.event td:first-child").eachText())
                .containsExactly("Ok", "Critical", "Warning");
        assertThat(page.select("table.events tr.event td:nth-child(3)").eachText())
                .containsExactly("Database down", "Database down", "Database slow");
        assertThat(page.select("#feed li").eachAttr("data-type")).containsExactly("a_close", "a_update", "a_new");
        assertThat(page.selectFirst("#drops").text()).contains("not stored");
    }

    @Test
    void anEventRewrittenByThePipelineSaysWhichStepsRewroteIt() {
        long channel = channel("rewritten");
        String key = quell.integrationKeyIn(channel);
        long integration = quell.server().catalog().integrationByKey(key).orElseThrow().integrationId();
        RunningQuell.Reply pipeline = quell.openApi("/alert/pipeline/upsert", "{\"integration_id\":" + integration
                + ",\"rules\":[{\"kind\":\"title_reset\",\"settings\":{\"title\":\"[TPL]{{.Labels.host}}: {{.Title}}\"}}]}");
        assertThat(pipeline.status()).as(pipeline.body().toString()).isEqualTo(200);
        push(key, "piped", "Warning", "disk full", "db-4");

        Document page = console.get("/alerts/" + alertIdOf(channel, "db-4: disk full")).html();
        assertThat(page.select("tr.event .rewrites .tag").eachText()).containsExactly("pipeline step 0 (title_reset)");
        assertThat(page.selectFirst("#feed li[data-type=a_new]").text())
                .contains("First event: Warning. Rewritten by pipeline step 0 (title_reset)");
    }

    @Test
    void aKeepingSilenceShowsInTheFeedAndMarksTheAlertMuted() {
        long channel = channel("silenced");
        String key = quell.integrationKeyIn(channel);
        RunningQuell.Reply rule = quell.openApi("/channel/silence/rule/create", "{\"channel_id\":" + channel
                + ",\"rule_name\":\"nightly maintenance\",\"filters\":" + HOST_FILTER.formatted("db-9")
                + ",\"time_filter\":{\"start_time\":" + (now() - 60) + ",\"end_time\":" + (now() + 3600) + "}}");
        assertThat(rule.status()).as(rule.body().toString()).isEqualTo(200);
        push(key, "quiet", "Warning", "Backup running", "db-9");
        push(key, "loud", "Warning", "Disk filling", "db-1");

        Document list = console.get("/alerts?channel=" + channel).html();
        assertThat(list.select("tr.alert").stream().filter(row -> !row.select(".tag:contains(muted)").isEmpty())
                .map(row -> row.selectFirst("td:nth-child(2) a").text()).toList()).containsExactly("Backup running");

        Document page = console.get("/alerts/" + alertIdOf(channel, "Backup running")).html();
        assertThat(page.selectFirst("#feed li[data-type=a_m_silence]").text())
                .contains("silenced by rule nightly maintenance");
    }

    @Test
    void anInhibitedAlertsFeedLinksItsSourceAlert() {
        long channel = channel("inhibited");
        String key = quell.integrationKeyIn(channel);
        RunningQuell.Reply rule = quell.openApi("/channel/inhibit/rule/create", "{\"channel_id\":" + channel
                + ",\"rule_name\":\"host down\",\"source_filters\":[[{\"key\":\"severity\",\"oper\":\"IN\","
                + "\"vals\":[\"Critical\"]}]],\"target_filters\":[[{\"key\":\"severity\",\"oper\":\"IN\","
                + "\"vals\":[\"Warning\"]}]],\"equals\":[\"labels.host\"]}");
        assertThat(rule.status()).as(rule.body().toString()).isEqualTo(200);
        push(key, "down", "Critical", "Host down", "web-7");
        push(key, "slow", "Warning", "Host slow", "web-7");

        Element entry = console.get("/alerts/" + alertIdOf(channel, "Host slow")).html()
                .selectFirst("#feed li[data-type=a_m_inhibit]");
        assertThat(entry.text()).contains("inhibited by rule host down");
        assertThat(entry.selectFirst("a").attr("href")).isEqualTo("/alerts/" + alertIdOf(channel, "Host down"));
    }

    @Test
    void theIncidentPageLinksEachAlertToItsPage() {
        long channel = channel("linked");
        String key = quell.integrationKeyIn(channel);
        push(key, "linked", "Critical", "Linked alert", "app-1");
        Element incidentLink = console.get("/alerts?channel=" + channel).html()
                .selectFirst("tr.alert td:nth-child(5) a");
        assertThat(incidentLink.text()).isEqualTo("Linked alert");

        Element alertLink = console.get(incidentLink.attr("href")).html().selectFirst("table.alerts a");
        Page alert = console.get(alertLink.attr("href"));
        assertThat(alert.status()).isEqualTo(200);
        assertThat(alert.html().selectFirst("#incident a").attr("href")).isEqualTo(incidentLink.attr("href"));
        assertThat(alert.html().selectFirst("nav a.current").attr("href")).isEqualTo("/alerts");
    }

    @Test
    void unknownOrMalformedAlertIdsAreA404Page() {
        Page unknown = console.get("/alerts/0123456789abcdef01234567");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.notice()).isEqualTo("There is no alert 0123456789abcdef01234567.");
        assertThat(console.get("/alerts/not-an-id").status()).isEqualTo(404);
        assertThat(console.get("/alerts/0123456789ABCDEF01234567").status()).isEqualTo(404);
    }

    @Test
    void titlesAndImageLinksFromEventsAreEscapedAndNeverLoaded() {
        long channel = channel("escaped");
        String key = quell.integrationKeyIn(channel);
        String title = "<script>alert(1)</script> broke";
        assertThat(quell.push(key, "{\"title_rule\":\"" + title + "\",\"event_status\":\"Warning\",\"alert_key\":"
                + "\"escaped\",\"images\":[{\"src\":\"https://img.example/graph.png\",\"href\":\"javascript:alert(2)\","
                + "\"alt\":\"graph\"}]}").status()).isEqualTo(200);

        Page list = console.get("/alerts?channel=" + channel);
        assertThat(list.body()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        Page page = console.get("/alerts/" + alertIdOf(channel, title));
        assertThat(page.body()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page.html().selectFirst("h1").text()).endsWith(title);
        assertThat(page.html().select("img")).isEmpty();
        assertThat(page.html().select(".image-links a").eachAttr("href"))
                .containsExactly("https://img.example/graph.png");
    }
}
