package dev.quell.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quell.testing.ConsoleClient;
import dev.quell.testing.ConsoleClient.Page;
import dev.quell.testing.RunningQuell;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The channels list and a channel's settings and rules, driven over the socket as a signed-in user. */
class ChannelPagesTest {
    @RegisterExtension
    static final RunningQuell quell = RunningQuell.perTestClass(0, 0);

    private final ConsoleClient console = ConsoleClient.signedIn(quell);

    private long channel(String name) {
        return quell.createChannel("{\"channel_name\":\"" + name + "\"}");
    }

    private JsonNode channelInfo(long channelId) {
        return quell.openApi("/channel/info", "{\"channel_id\":" + channelId + "}").data();
    }

    private JsonNode rules(String kind, long channelId) {
        return quell.openApi("/channel/" + kind + "/rule/list", "{\"channel_id\":" + channelId + "}").data()
                .path("items");
    }

    /** The grouping form as the page sends it, rule-based on labels.host, with the given fields replaced. */
    private static Map<String, String> grouping(Map<String, String> changes) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("method", "p");
        form.put("equals", "labels.host");
        form.put("case_if_0", "");
        form.put("case_equals_0", "");
        form.put("window_type", "off");
        form.put("time_window", "");
        form.put("storm_thresholds", "");
        form.put("i_keys", "title, description");
        form.put("i_score_threshold", "0.8");
        form.putAll(changes);
        return form;
    }

    private long incidentsIn(long channelId) {
        long now = System.currentTimeMillis() / 1000;
        return quell.openApi("/incident/list", "{\"start_time\":" + (now - 3600) + ",\"end_time\":" + (now + 60)
                + ",\"channel_ids\":[" + channelId + "]}").data().path("total").asLong();
    }

    private static String pushed(String service, String key) {
        return "{\"title_rule\":\"" + service + " is slow\",\"event_status\":\"Warning\",\"alert_key\":\"" + key
                + "\",\"labels\":{\"service\":\"" + service + "\"}}";
    }

    @Test
    void aChannelCreatedFromTheListPageIsListedWithItsStatusAndGrouping() {
        console.get("/channels");
        Page created = console.submit("/channels/create", Map.of("channel_name", "Payments",
                "description", "payment services"));
        assertThat(created.notice()).isEqualTo("Channel “Payments” created.");
        long id = Long.parseLong(created.html().selectFirst("article.channel-settings").attr("data-channel-id"));
        assertThat(channelInfo(id).path("channel_name").asText()).isEqualTo("Payments");
        assertThat(channelInfo(id).path("description").asText()).isEqualTo("payment services");

        Element row = console.get("/channels").html().selectFirst("tr.channel[data-channel-id=" + id + "]");
        assertThat(row).isNotNull();
        assertThat(row.selectFirst("a").attr("href")).isEqualTo("/channels/" + id);
        assertThat(row.selectFirst(".status").text()).isEqualTo("Enabled");
        assertThat(row.selectFirst(".grouping").text()).isEqualTo("Off: one incident per alert");

        Page refused = console.submit("/channels/create", Map.of("channel_name", "", "description", ""));
        assertThat(refused.notice()).isEqualTo("Not created: channel_name is required");
    }

    @Test
    void ruleBasedGroupingIsSavedThroughTheApiAndShownPrefilled() {
        long id = channel("grouping saved");
        console.get("/channels/" + id);
        Page saved = console.submit("/channels/" + id + "/grouping", grouping(Map.of(
                "equals", "labels.host, labels.check\ntitle",
                "case_if_0", "labels.service IN api, web\nseverity NOTIN Info",
                "case_equals_0", "labels.service",
                "all_equals_required", "true",
                "window_type", "sliding", "time_window", "30",
                "storm_thresholds", "50, 200")));
        assertThat(saved.notice()).isEqualTo("Grouping saved.");

        JsonNode group = channelInfo(id).path("group");
        assertThat(group.path("method").asText()).isEqualTo("p");
        assertThat(group.path("equals").toString()).isEqualTo("[[\"labels.host\",\"labels.check\"],[\"title\"]]");
        assertThat(group.path("cases").toString()).isEqualTo("[{\"if\":[[{\"key\":\"labels.service\",\"oper\":\"IN\","
                + "\"vals\":[\"api\",\"web\"]},{\"key\":\"severity\",\"oper\":\"NOTIN\",\"vals\":[\"Info\"]}]],"
                + "\"equals\":[[\"labels.service\"]]}]");
        assertThat(group.path("all_equals_required").asBoolean()).isTrue();
        assertThat(group.path("window_type").asText()).isEqualTo("sliding");
        assertThat(group.path("time_window").asInt()).isEqualTo(30);
        assertThat(group.path("storm_thresholds").toString()).isEqualTo("[50,200]");

        var html = saved.html();
        assertThat(html.selectFirst("textarea[name=equals]").wholeText()).isEqualTo("labels.host, labels.check\ntitle");
        assertThat(html.selectFirst("textarea[name=case_if_0]").wholeText())
                .isEqualTo("labels.service IN api, web\nseverity NOTIN Info");
        assertThat(html.selectFirst("textarea[name=case_equals_0]").wholeText()).isEqualTo("labels.service");
        assertThat(html.selectFirst("textarea[name=case_if_1]").wholeText()).as("a blank case to add").isEmpty();
        assertThat(html.selectFirst("select[name=method] option[selected]").val()).isEqualTo("p");
        assertThat(html.selectFirst("select[name=window_type] option[selected]").val()).isEqualTo("sliding");
        assertThat(html.selectFirst("input[name=time_window]").val()).isEqualTo("30");
        assertThat(html.selectFirst("input[name=all_equals_required]").hasAttr("checked")).isTrue();
        assertThat(html.selectFirst("input[name=storm_thresholds]").val()).isEqualTo("50, 200");
        assertThat(html.selectFirst("#grouping-words").text()).isEqualTo("Rule-based on labels.host + labels.check, "
                + "then title (1 case), strict; sliding window of 30 minutes");

        Page caseRemoved = console.submit("/channels/" + id + "/grouping", grouping(Map.of(
                "equals", "labels.host", "case_if_1", "", "case_equals_1", "")));
        assertThat(caseRemoved.notice()).isEqualTo("Grouping saved.");
        assertThat(channelInfo(id).path("group").path("cases").size()).isZero();
    }

    @Test
    void intelligentGroupingKeepsItsKeysAndThreshold() {
        long id = channel("grouping intelligent");
        console.get("/channels/" + id);
        Page saved = console.submit("/channels/" + id + "/grouping", grouping(Map.of("method", "i", "equals", "",
                "i_keys", "title, labels.service", "i_score_threshold", "0.65")));
        assertThat(saved.notice()).isEqualTo("Grouping saved.");
        JsonNode group = channelInfo(id).path("group");
        assertThat(group.path("method").asText()).isEqualTo("i");
        assertThat(group.path("i_keys").toString()).isEqualTo("[\"title\",\"labels.service\"]");
        assertThat(group.path("i_score_threshold").asDouble()).isEqualTo(0.65);
        assertThat(saved.html().selectFirst("input[name=i_keys]").val()).isEqualTo("title, labels.service");
        assertThat(saved.html().selectFirst("input[name=i_score_threshold]").val()).isEqualTo("0.65");
    }

    @Test
    void invalidGroupingIsRefusedWithTheApisMessageAndChangesNothing() {
        long id = channel("grouping refused");
        console.get("/channels/" + id);
        String before = channelInfo(id).path("group").toString();

        Page tooLong = console.submit("/channels/" + id + "/grouping", grouping(Map.of("window_type", "tumbling",
                "time_window", "50000")));
        assertThat(tooLong.notice())
                .isEqualTo("Not saved: group.time_window must be a whole number from 0 to 43200 (got 50000)");

        Page sixLists = console.submit("/channels/" + id + "/grouping", grouping(Map.of("equals",
                "title\nseverity\nlabels.a\nlabels.b\nlabels.c\nlabels.d")));
        assertThat(sixLists.notice())
                .startsWith("Not saved: group.equals must be an array of at most 5 dimension lists");

        Page zero = console.submit("/channels/" + id + "/grouping", grouping(Map.of("window_type", "tumbling",
                "time_window", "0")));
        assertThat(zero.notice()).startsWith("Not saved: group.time_window must be at least 1 minute");

        Page badKey = console.submit("/channels/" + id + "/grouping", grouping(Map.of(
                "case_if_0", "host IN web-1", "case_equals_0", "labels.host")));
        assertThat(badKey.notice()).startsWith("Not saved: group.cases[0].if: filters[0][0] host: unknown key");

        Page unreadable = console.submit("/channels/" + id + "/grouping", grouping(Map.of(
                "case_if_0", "labels.host equals web-1", "case_equals_0", "labels.host")));
        assertThat(unreadable.notice())
                .startsWith("Not saved: group.cases[0].if line 1: the operator must be IN or NOTIN");

        assertThat(channelInfo(id).path("group").toString()).isEqualTo(before);
        assertThat(unreadable.html().selectFirst("select[name=method] option[selected]").val()).isEqualTo("n");
    }

    @Test
    void flappingAndAutoResolveAreSavedAndRefusedLikeTheApi() {
        long id = channel("flapping and closing");
        console.get("/channels/" + id);
        Page flapping = console.submit("/channels/" + id + "/flapping", Map.of("mode", "mute", "max_changes", "5",
                "in_mins", "30", "mute_mins", "60"));
        assertThat(flapping.notice()).isEqualTo("Flapping detection saved.");
        assertThat(channelInfo(id).path("flapping").toString())
                .isEqualTo("{\"is_disabled\":false,\"max_changes\":5,\"in_mins\":30,\"mute_mins\":60}");
        assertThat(flapping.html().selectFirst("select[name=mode] option[selected]").val()).isEqualTo("mute");
        assertThat(flapping.html().selectFirst("input[name=max_changes]").val()).isEqualTo("5");

        Page shortMute = console.submit("/channels/" + id + "/flapping", Map.of("mode", "mute", "max_changes", "5",
                "in_mins", "30", "mute_mins", "10"));
        assertThat(shortMute.notice()).startsWith("Not saved: flapping.mute_mins must be 0 (mark only) or 30 to 1440");
        Page off = console.submit("/channels/" + id + "/flapping", Map.of("mode", "off", "max_changes", "5",
                "in_mins", "30", "mute_mins", "60"));
        assertThat(off.notice()).isEqualTo("Flapping detection saved.");
        assertThat(channelInfo(id).path("flapping").path("is_disabled").asBoolean()).isTrue();

        Page closing = console.submit("/channels/" + id + "/auto-resolve", Map.of("timeout", "6", "unit", "hours",
                "auto_resolve_mode", "update", "disable_auto_close", "true"));
        assertThat(closing.notice()).isEqualTo("Auto-resolve saved.");
        JsonNode info = channelInfo(id);
        assertThat(info.path("auto_resolve_timeout").asLong()).isEqualTo(6 * 3600);
        assertThat(info.path("auto_resolve_mode").asText()).isEqualTo("update");
        assertThat(info.path("disable_auto_close").asBoolean()).isTrue();
        assertThat(closing.html().selectFirst("input[name=timeout]").val()).isEqualTo("6");
        assertThat(closing.html().selectFirst("select[name=unit] option[selected]").val()).isEqualTo("hours");
        assertThat(closing.html().selectFirst("input[name=auto_resolve_mode][value=update]").hasAttr("checked"))
                .isTrue();

        Page tooLate = console.submit("/channels/" + id + "/auto-resolve", Map.of("timeout", "744", "unit", "hours",
                "auto_resolve_mode", "trigger"));
        assertThat(tooLate.notice()).startsWith("Not saved: auto_resolve_timeout must be 0 (off) to 2592000 seconds");
        assertThat(channelInfo(id).path("auto_resolve_timeout").asLong()).isEqualTo(6 * 3600);

        Page minutes = console.submit("/channels/" + id + "/auto-resolve", Map.of("timeout", "90", "unit", "minutes",
                "auto_resolve_mode", "trigger"));
        assertThat(minutes.notice()).isEqualTo("Auto-resolve saved.");
        assertThat(channelInfo(id).path("auto_resolve_timeout").asLong()).isEqualTo(90 * 60);
        assertThat(channelInfo(id).path("disable_auto_close").asBoolean()).as("unticked box").isFalse();
    }

    @Test
    void aDropRuleIsCreatedDisabledAndDeletedAndDropsWhatItMatches() {
        long id = channel("drop rules");
        String key = quell.integrationKeyIn(id);
        console.get("/channels/" + id);
        Page created = console.submit("/channels/" + id + "/drop-rules/create", Map.of("rule_name", "noisy service",
                "description", "", "priority", "", "filters", "labels.service IN noisy, /^chatty-/"));
        assertThat(created.notice()).isEqualTo("Drop rule “noisy service” created.");
        JsonNode rule = rules("unsubscribe", id).get(0);
        assertThat(rule.path("rule_name").asText()).isEqualTo("noisy service");
        assertThat(rule.path("status").asText()).isEqualTo("enabled");
        assertThat(rule.path("filters").toString())
                .isEqualTo("[[{\"key\":\"labels.service\",\"oper\":\"IN\",\"vals\":[\"noisy\",\"/^chatty-/\"]}]]");
        Element listed = created.html().selectFirst("#drop-rules li.rule");
        assertThat(listed.selectFirst(".facts dd").text()).isEqualTo("labels.service is one of noisy, /^chatty-/");

        assertThat(quell.push(key, pushed("noisy", "drop-1")).status()).isEqualTo(200);
        assertThat(quell.push(key, pushed("chatty-cache", "drop-2")).status()).isEqualTo(200);
        assertThat(incidentsIn(id)).as("both events dropped").isZero();
        assertThat(console.get("/channels/" + id).html().selectFirst("#drop-rules li.rule").text())
                .contains("2 events caught");
        quell.push(key, pushed("quiet", "drop-3"));
        assertThat(incidentsIn(id)).isEqualTo(1);

        String ruleId = rule.path("rule_id").asText();
        Page disabled = console.submit("/channels/" + id + "/drop-rules/" + ruleId + "/disable", Map.of());
        assertThat(disabled.notice()).isEqualTo("Drop rule disabled.");
        assertThat(rules("unsubscribe", id).get(0).path("status").asText()).isEqualTo("disabled");
        quell.push(key, pushed("noisy", "drop-4"));
        assertThat(incidentsIn(id)).as("a disabled rule drops nothing").isEqualTo(2);

        Page deleted = console.submit("/channels/" + id + "/drop-rules/" + ruleId + "/delete", Map.of());
        assertThat(deleted.notice()).isEqualTo("Drop rule deleted.");
        assertThat(rules("unsubscribe", id)).isEmpty();
        assertThat(deleted.html().select("#drop-rules li.rule")).isEmpty();
    }

    @Test
    void aWeeklySilenceRuleIsCreatedDisabledAndDeleted() {
        long id = channel("silence rules");
        console.get("/channels/" + id);
        Map<String, String> form = new LinkedHashMap<>(Map.of("rule_name", "nightly backups",
                "filters", "labels.job IN backup", "window", "weekly", "start", "22:00", "end", "06:00",
                "time_zone", "Europe/Berlin", "behaviour", "mark"));
        Page created = console.submit("/channels/" + id + "/silence-rules/create", form);
        assertThat(created.notice()).isEqualTo("Silence rule “nightly backups” created.");
        JsonNode rule = rules("silence", id).get(0);
        assertThat(rule.path("time_filters").toString())
                .isEqualTo("[{\"start\":\"22:00\",\"end\":\"06:00\",\"repeat\":[]}]");
        assertThat(rule.path("time_zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(rule.path("is_directly_discard").asBoolean()).isFalse();
        assertThat(created.html().selectFirst("#silence-rules li.rule").text())
                .contains("weekly, every day 22:00–06:00 (Europe/Berlin)")
                .contains("the alert is kept and marked Silenced");

        String ruleId = rule.path("rule_id").asText();
        console.submit("/channels/" + id + "/silence-rules/" + ruleId + "/disable", Map.of());
        assertThat(rules("silence", id).get(0).path("status").asText()).isEqualTo("disabled");
        Page deleted = console.submit("/channels/" + id + "/silence-rules/" + ruleId + "/delete", Map.of());
        assertThat(deleted.notice()).isEqualTo("Silence rule deleted.");
        assertThat(rules("silence", id)).isEmpty();
    }

    @Test
    void silenceRuleDaysAndOnceWindowsAreSentAsTheApiTakesThem() {
        long id = channel("silence windows");
        console.get("/channels/" + id);
        Page saturdays = console.submit("/channels/" + id + "/silence-rules/create", Map.of("rule_name", "weekend",
                "filters", "severity IN Info", "window", "weekly", "start", "00:00", "end", "23:59", "day", "6",
                "time_zone", "UTC", "behaviour", "drop"));
        assertThat(saturdays.html().selectFirst("#silence-rules li.rule").text())
                .contains("weekly, Sat 00:00–23:59 (UTC)").contains("the event is dropped with no record");
        JsonNode weekend = rules("silence", id).get(0);
        assertThat(weekend.path("time_filters").get(0).path("repeat").toString()).isEqualTo("[6]");
        assertThat(weekend.path("is_directly_discard").asBoolean()).isTrue();

        Page once = console.submit("/channels/" + id + "/silence-rules/create", Map.of("rule_name", "maintenance",
                "filters", "labels.host IN db-1", "window", "once", "start_at", "2030-01-31T18:00",
                "end_at", "2030-01-31T20:30", "time_zone", "Europe/Berlin", "behaviour", "mark"));
        assertThat(once.notice()).isEqualTo("Silence rule “maintenance” created.");
        JsonNode maintenance = rules("silence", id).findValues("time_filter").stream()
                .filter(JsonNode::isObject).findFirst().orElseThrow();
        assertThat(maintenance.path("start_time").asLong()).isEqualTo(1_896_109_200L);
        assertThat(maintenance.path("end_time").asLong()).isEqualTo(1_896_118_200L);

        Page backwards = console.submit("/channels/" + id + "/silence-rules/create", Map.of("rule_name", "backwards",
                "filters", "labels.host IN db-1", "window", "once", "start_at", "2030-01-31T20:00",
                "end_at", "2030-01-31T18:00", "time_zone", "UTC", "behaviour", "mark"));
        assertThat(backwards.notice())
                .startsWith("Not saved: time_filter.start_time must be positive and before end_time");
        Page noDate = console.submit("/channels/" + id + "/silence-rules/create", Map.of("rule_name", "no date",
                "filters", "labels.host IN db-1", "window", "once", "start_at", "", "end_at", "", "time_zone", "UTC",
                "behaviour", "mark"));
        assertThat(noDate.notice()).startsWith("Not saved: time_filter.start_time must be a date and time");
        assertThat(rules("silence", id)).hasSize(2);
    }

    @Test
    void anInhibitRuleIsCreatedDisabledAndDeleted() {
        long id = channel("inhibit rules");
        console.get("/channels/" + id);
        Page missingEquals = console.submit("/channels/" + id + "/inhibit-rules/create", Map.of("rule_name",
                "host down", "source_filters", "labels.check IN host_down", "target_filters", "severity IN Warning",
                "equals", "", "behaviour", "drop"));
        assertThat(missingEquals.notice()).startsWith("Not saved: equals is required");
        assertThat(rules("inhibit", id)).isEmpty();

        Page created = console.submit("/channels/" + id + "/inhibit-rules/create", Map.of("rule_name", "host down",
                "source_filters", "labels.check IN host_down", "target_filters", "severity IN Warning, Info",
                "equals", "labels.host, labels.dc", "behaviour", "drop"));
        assertThat(created.notice()).isEqualTo("Inhibit rule “host down” created.");
        JsonNode rule = rules("inhibit", id).get(0);
        assertThat(rule.path("source_filters").toString())
                .isEqualTo("[[{\"key\":\"labels.check\",\"oper\":\"IN\",\"vals\":[\"host_down\"]}]]");
        assertThat(rule.path("target_filters").toString())
                .isEqualTo("[[{\"key\":\"severity\",\"oper\":\"IN\",\"vals\":[\"Warning\",\"Info\"]}]]");
        assertThat(rule.path("equals").toString()).isEqualTo("[\"labels.host\",\"labels.dc\"]");
        assertThat(rule.path("is_directly_discard").asBoolean()).isTrue();
        assertThat(created.html().selectFirst("#inhibit-rules li.rule").text())
                .contains("labels.check is host_down").contains("severity is one of Warning, Info")
                .contains("labels.host, labels.dc").contains("the event is dropped with no record");

        String ruleId = rule.path("rule_id").asText();
        Page disabled = console.submit("/channels/" + id + "/inhibit-rules/" + ruleId + "/disable", Map.of());
        assertThat(disabled.html().selectFirst("#inhibit-rules li.rule .status").text()).isEqualTo("Disabled");
        assertThat(rules("inhibit", id).get(0).path("status").asText()).isEqualTo("disabled");
        Page enabled = console.submit("/channels/" + id + "/inhibit-rules/" + ruleId + "/enable", Map.of());
        assertThat(enabled.notice()).isEqualTo("Inhibit rule enabled.");
        assertThat(rules("inhibit", id).get(0).path("status").asText()).isEqualTo("enabled");
        console.submit("/channels/" + id + "/inhibit-rules/" + ruleId + "/delete", Map.of());
        assertThat(rules("inhibit", id)).isEmpty();
    }

    @Test
    void rulesAreEditedInFormsPrefilledWithTheirCurrentValues() {
        long id = channel("rule edits");
        console.get("/channels/" + id);
        console.submit("/channels/" + id + "/drop-rules/create", Map.of("rule_name", "debug noise",
                "filters", "severity IN Info\nor\ntitle IN /debug/"));
        String dropId = rules("unsubscribe", id).get(0).path("rule_id").asText();
        Page page = console.get("/channels/" + id);
        Element dropEdit = page.html().selectFirst("#drop-rules li.rule form[action$=/update]");
        assertThat(dropEdit.selectFirst("input[name=rule_name]").val()).isEqualTo("debug noise");
        assertThat(dropEdit.selectFirst("textarea[name=filters]").wholeText())
                .isEqualTo("severity IN Info\nor\ntitle IN /debug/");
        Page edited = console.submit("/channels/" + id + "/drop-rules/" + dropId + "/update", Map.of(
                "rule_name", "debug titles", "description", "", "priority", "3", "filters", "title IN /debug/"));
        assertThat(edited.notice()).isEqualTo("Drop rule “debug titles” saved.");
        JsonNode drop = rules("unsubscribe", id).get(0);
        assertThat(drop.path("rule_name").asText()).isEqualTo("debug titles");
        assertThat(drop.path("priority").asInt()).isEqualTo(3);
        assertThat(drop.path("filters").toString())
                .isEqualTo("[[{\"key\":\"title\",\"oper\":\"IN\",\"vals\":[\"/debug/\"]}]]");

        console.submit("/channels/" + id + "/silence-rules/create", Map.of("rule_name", "nights",
                "filters", "labels.env IN staging", "window", "weekly", "start", "20:00", "end", "08:00", "day", "3",
                "time_zone", "Asia/Tokyo", "behaviour", "mark"));
        JsonNode silence = rules("silence", id).get(0);
        String silenceId = silence.path("rule_id").asText();
        Element silenceEdit = console.get("/channels/" + id).html()
                .selectFirst("#silence-rules li.rule form[action$=/update]");
        assertThat(silenceEdit.selectFirst("input[name=window][value=keep]").hasAttr("checked")).isTrue();
        assertThat(silenceEdit.selectFirst("input[name=day][value=3]").hasAttr("checked")).isTrue();
        assertThat(silenceEdit.selectFirst("input[name=start]").val()).isEqualTo("20:00");
        assertThat(silenceEdit.selectFirst("input[name=time_zone]").val()).isEqualTo("Asia/Tokyo");
        console.submit("/channels/" + id + "/silence-rules/" + silenceId + "/update", Map.of("rule_name", "nights",
                "filters", "labels.env IN staging, test", "window", "keep", "behaviour", "drop"));
        JsonNode kept = rules("silence", id).get(0);
        assertThat(kept.path("time_filters").toString()).isEqualTo(silence.path("time_filters").toString());
        assertThat(kept.path("is_directly_discard").asBoolean()).isTrue();
        assertThat(kept.path("filters").get(0).get(0).path("vals").toString()).isEqualTo("[\"staging\",\"test\"]");

        console.submit("/channels/" + id + "/silence-rules/" + silenceId + "/update", Map.of("rule_name", "nights",
                "filters", "labels.env IN staging", "window", "once", "start_at", "2030-01-31T17:00",
                "end_at", "2030-01-31T19:30", "time_zone", "UTC", "behaviour", "drop"));
        JsonNode once = rules("silence", id).get(0);
        assertThat(once.path("time_filter").path("start_time").asLong()).isEqualTo(1_896_109_200L);
        Element onceEdit = console.get("/channels/" + id).html()
                .selectFirst("#silence-rules li.rule form[action$=/update]");
        assertThat(onceEdit.selectFirst("input[name=start_at]").val()).isEqualTo("2030-01-31T17:00");
        assertThat(onceEdit.selectFirst("input[name=end_at]").val()).isEqualTo("2030-01-31T19:30");

        Page keepOnCreate = console.submit("/channels/" + id + "/silence-rules/create", Map.of("rule_name", "x",
                "filters", "labels.env IN staging", "window", "keep"));
        assertThat(keepOnCreate.notice()).isEqualTo("Not saved: choose when the rule silences: once or weekly");
    }

    @Test
    void disablingRefusesPushesAndDeletingNeedsTheConfirmation() {
        long id = channel("to delete");
        String key = quell.integrationKeyIn(id);
        console.get("/channels/" + id);
        Page disabled = console.submit("/channels/" + id + "/disable", Map.of());
        assertThat(disabled.html().selectFirst("#status").text()).isEqualTo("Disabled");
        assertThat(quell.push(key, pushed("any", "disabled-1")).status()).isEqualTo(403);
        Page enabled = console.submit("/channels/" + id + "/enable", Map.of());
        assertThat(enabled.html().selectFirst("#status").text()).isEqualTo("Enabled");

        Page unconfirmed = console.submit("/channels/" + id + "/delete", Map.of());
        assertThat(unconfirmed.notice()).isEqualTo("Not deleted: tick “yes, delete this channel” to confirm.");
        assertThat(channelInfo(id).path("status").asText()).isEqualTo("enabled");

        Page confirmed = console.post("/channels/" + id + "/delete", Map.of("confirm", "yes"));
        assertThat(confirmed.location()).isEqualTo("/channels");
        Page list = console.get("/channels");
        assertThat(list.notice()).isEqualTo("Channel “to delete” deleted; its incidents stay readable.");
        assertThat(list.html().select("tr.channel[data-channel-id=" + id + "]")).isEmpty();
        assertThat(channelInfo(id).path("status").asText()).isEqualTo("deleted");
        assertThat(console.get("/channels/" + id).status()).isEqualTo(404);
    }

    @Test
    void unknownChannelsAreA404AndUserTextIsEscaped() {
        assertThat(console.get("/channels/999999").status()).isEqualTo(404);
        assertThat(console.get("/channels/not-a-number").status()).isEqualTo(404);
        console.get("/channels");
        assertThat(console.post("/channels/999999/grouping", grouping(Map.of())).status()).isEqualTo(404);

        long id = quell.createChannel("{\"channel_name\":\"<script>alert(1)</script>\"}");
        Page page = console.get("/channels/" + id);
        assertThat(page.body()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)");
        assertThat(console.get("/channels").body()).doesNotContain("<script>alert(1)");
        List<String> forms = page.html().select("main form[method=post]").eachAttr("action");
        assertThat(forms).allSatisfy(action -> assertThat(action).startsWith("/channels/" + id + "/"));
    }
}
