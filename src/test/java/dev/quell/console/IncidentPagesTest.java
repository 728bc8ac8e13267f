package dev.quell.console;

import dev.quell.testing.ConsoleClient;
import dev.quell.testing.ConsoleClient.Page;
import dev.quell.testing.RunningQuell;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The incidents page and an incident's page, driven over the socket as a signed-in user. */
class IncidentPagesTest {
    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private final ConsoleClient console = ConsoleClient.signedIn(quell);

    private String pushIncident(String key, String severity, String title) {
        assertThat(quell.push("{\"title_rule\":\"" + title + "\",\"event_status\":\"" + severity
                + "\",\"alert_key\":\"" + key + "\",\"labels\":{\"host\":\"" + key + "-host\"}}").status())
                .isEqualTo(200);
        Element row = console.get("/?progress=all&q=" + key).html().selectFirst("tr.incident");
        assertThat(row).as("incident of " + key + " listed").isNotNull();
        return row.attr("data-incident-id");
    }

    @Test
    void theListShowsNewIncidentsWithCountsAndFiltersBySeverityAndText() {
        pushIncident("list-crit", "Critical", "Disk full on list-crit");
        pushIncident("list-warn", "Warning", "Latency on list-warn");

        Page all = console.get("/?progress=open&q=list-");
        assertThat(all.html().select("tr.incident").eachText()).hasSize(2);
        assertThat(all.html().select(".count.sev-Critical strong").text()).isEqualTo("1");
        assertThat(all.html().select(".count.sev-Warning strong").text()).isEqualTo("1");

        Page critical = console.get("/?progress=open&severity=Critical&q=list-");
        assertThat(critical.html().select("tr.incident a").eachText()).containsExactly("Disk full on list-crit");

        Page fragment = console.get("/incidents/list?progress=open&severity=Warning&q=list-");
        assertThat(fragment.body()).doesNotContain("<html");
        assertThat(fragment.html().select("tr.incident a").eachText()).containsExactly("Latency on list-warn");
    }

    @Test
    void pagingGoesToOlderIncidentsWithoutRepeatingAny() {
        for (int i = 0; i < IncidentPages.PAGE_SIZE + 5; i++) {
            quell.push("{\"title_rule\":\"paging " + i + "\",\"event_status\":\"Info\",\"alert_key\":\"paging-" + i + "\"}");
        }
        Page first = console.get("/?progress=all&q=paging");
        List<String> firstIds = first.html().select("tr.incident").eachAttr("data-incident-id");
        assertThat(firstIds).hasSize(IncidentPages.PAGE_SIZE);
        String older = first.html().select(".pager a").last().attr("href");
        List<String> secondIds = console.get(older).html().select("tr.incident").eachAttr("data-incident-id");
        assertThat(secondIds).hasSize(5).doesNotContainAnyElementsOf(firstIds);
    }

    @Test
    void acknowledgingAndResolvingShowInProgressTimelineAndNotice() {
        String id = pushIncident("lifecycle", "Critical", "Service down on lifecycle");
        console.get("/incidents/" + id);

        Page acked = console.submit("/incidents/" + id + "/ack", Map.of());
        assertThat(acked.notice()).isEqualTo("Acknowledged.");
        assertThat(acked.html().selectFirst("#progress").text()).isEqualTo("Processing");
        Element ackEntry = acked.html().selectFirst("#timeline li[data-type=i_ack]");
        assertThat(ackEntry).isNotNull();
        assertThat(ackEntry.selectFirst(".actor").text()).isEqualTo("admin");

        Page resolved = console.submit("/incidents/" + id + "/resolve",
                Map.of("root_cause", "a full disk", "resolution", "rotated the logs"));
        assertThat(resolved.html().selectFirst("#progress").text()).isEqualTo("Closed");
        assertThat(resolved.html().selectFirst("#timeline li[data-type=i_rslv]").text())
                .contains("Root cause: a full disk").contains("Resolution: rotated the logs");
        assertThat(resolved.html().selectFirst("#reopen")).isNotNull();
    }

    @Test
    void aRefusedActionSaysWhyAndChangesNothing() {
        String id = pushIncident("refused", "Warning", "Refused snooze");
        console.get("/incidents/" + id);
        Page answer = console.submit("/incidents/" + id + "/snooze", Map.of("minutes", "5000"));
        assertThat(answer.notice()).startsWith("Not done:").contains("1440");
        assertThat(answer.html().select("#timeline li[data-type=i_snooze]")).isEmpty();
    }

    @Test
    void editingTheTitleKeepsItAndMergingMovesTheAlerts() {
        String source = pushIncident("merge-src", "Warning", "Merge source");
        String target = pushIncident("merge-dst", "Critical", "Merge target");
        console.get("/incidents/" + target);
        Page edited = console.submit("/incidents/" + target + "/edit", Map.of("title", "Renamed target",
                "severity", "Critical"));
        assertThat(edited.html().selectFirst("h1").text()).endsWith("Renamed target");
        assertThat(edited.html().select("#timeline li[data-type=i_r_title]")).hasSize(1);
        assertThat(edited.html().select("#timeline li[data-type=i_r_severity]")).isEmpty();

        console.get("/incidents/" + source);
        Page merged = console.post("/incidents/" + source + "/merge", Map.of("target", target));
        assertThat(merged.location()).isEqualTo("/incidents/" + target);
        Page targetPage = console.get(merged.location());
        assertThat(targetPage.html().select("table.alerts tbody tr")).hasSize(2);
        assertThat(console.get("/incidents/" + source).html().selectFirst("#progress").text()).isEqualTo("Closed");
    }

    @Test
    void anUnknownIncidentIsA404Page() {
        assertThat(console.get("/incidents/0123456789abcdef01234567").status()).isEqualTo(404);
        assertThat(console.get("/incidents/not-an-id").status()).isEqualTo(404);
    }
}
