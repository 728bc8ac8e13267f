package dev.quell.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quell.api.OpenApiRoutes;
import dev.quell.engine.Channel;
import dev.quell.engine.Flapping;
import dev.quell.engine.GroupCase;
import dev.quell.engine.Grouping;
import dev.quell.http.ApiError;
import dev.quell.store.Catalog;
import dev.quell.store.ChannelSettingsJson;
import io.vertx.ext.web.Router;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The channels list and a channel's settings page: grouping, flapping, auto-resolve, status, and its drop, silence
 * and inhibit rules. Forms are turned into the JSON the Open API takes and run through its own operations, so the
 * console accepts and refuses exactly what the API does, with the API's message naming the field.
 */
public final class ChannelPages {
    private static final String CHANNEL_ID = "\\d{1,18}";
    private static final String WHOLE_NUMBER = "-?\\d{1,9}";
    private static final List<Weekday> WEEKDAYS = List.of(new Weekday(1, "Mon"), new Weekday(2, "Tue"),
            new Weekday(3, "Wed"), new Weekday(4, "Thu"), new Weekday(5, "Fri"), new Weekday(6, "Sat"),
            new Weekday(0, "Sun"));
    private static final String[] DAY_NAMES = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

    /** The three kinds of channel rule: the console's path segment, the Open API's path, and what people call it. */
    public enum RuleKind {
        drop("drop-rules", "/channel/unsubscribe/rule", "Drop rule"),
        silence("silence-rules", "/channel/silence/rule", "Silence rule"),
        inhibit("inhibit-rules", "/channel/inhibit/rule", "Inhibit rule");

        private final String segment;
        private final String api;
        private final String noun;

        RuleKind(String segment, String api, String noun) {
            this.segment = segment;
            this.api = api;
            this.noun = noun;
        }

        public String segment() {
            return segment;
        }

        public String noun() {
            return noun;
        }
    }

    private final Catalog catalog;
    private final OpenApiRoutes operations;
    private final Templates templates;
    private final ObjectMapper json;

    public ChannelPages(Catalog catalog, OpenApiRoutes operations, Templates templates, ObjectMapper json) {
        this.catalog = catalog;
        this.operations = operations;
        this.templates = templates;
        this.json = json;
    }

    public void mount(ConsoleRoutes routes, Router router) {
        routes.page(router, "/channels", request -> Reply.html(templates.render("channels.jte",
                channelsPage(request))));
        routes.action(router, "/channels/create", this::create);
        routes.page(router, "/channels/:id", request -> Reply.html(templates.render("channel.jte",
                channelPage(request))));
        routes.action(router, "/channels/:id/describe", request -> update(request, "Name and description saved.",
                () -> channelBody(request).put("channel_name", request.param("channel_name"))
                        .put("description", request.param("description"))));
        routes.action(router, "/channels/:id/grouping", request -> update(request, "Grouping saved.",
                () -> (ObjectNode) channelBody(request).set("group", groupingJson(request))));
        routes.action(router, "/channels/:id/flapping", request -> update(request, "Flapping detection saved.",
                () -> (ObjectNode) channelBody(request).set("flapping", flappingJson(request))));
        routes.action(router, "/channels/:id/auto-resolve", request -> update(request, "Auto-resolve saved.",
                () -> autoResolveJson(request)));
        routes.action(router, "/channels/:id/enable", request -> act(request, "/channel/enable", "Channel enabled.",
                () -> channelBody(request)));
        routes.action(router, "/channels/:id/disable", request -> act(request, "/channel/disable",
                "Channel disabled: its integrations' pushes are refused until it is enabled again.",
                () -> channelBody(request)));
        routes.action(router, "/channels/:id/delete", this::delete);
        for (RuleKind kind : RuleKind.values()) {
            String base = "/channels/:id/" + kind.segment;
            routes.action(router, base + "/create", request -> act(request, kind.api + "/create",
                    kind.noun + " “" + request.param("rule_name") + "” created.",
                    () -> ruleJson(kind, request, false)));
            routes.action(router, base + "/:rule/update", request -> act(request, kind.api + "/update",
                    kind.noun + " “" + request.param("rule_name") + "” saved.",
                    () -> ruleJson(kind, request, true).put("rule_id", request.pathParam("rule"))));
            for (String verb : List.of("enable", "disable", "delete")) {
                routes.action(router, base + "/:rule/" + verb, request -> act(request, kind.api + "/" + verb,
                        kind.noun + " " + verb + "d.", () -> channelBody(request)
                                .put("rule_id", request.pathParam("rule"))));
            }
        }
    }

    // ---------------------------------------------------------------- the channels list

    public record ChannelRow(long channelId, String name, String description, boolean enabled, String grouping) {
    }

    public record ChannelsPage(Chrome chrome, List<ChannelRow> channels) {
    }

    private ChannelsPage channelsPage(ConsoleRequest request) {
        List<ChannelRow> rows = catalog.channels().stream().filter(c -> !c.status().equals(Channel.DELETED))
                .map(c -> new ChannelRow(c.channelId(), c.channelName(), c.description(),
                        c.status().equals(Channel.ENABLED), groupingWords(c.grouping()))).toList();
        return new ChannelsPage(request.chrome("channels"), rows);
    }

    private Reply create(ConsoleRequest request) {
        ObjectNode body = json.createObjectNode().put("channel_name", request.param("channel_name"))
                .put("description", request.param("description"));
        try {
            Map<?, ?> created = (Map<?, ?>) operations.call("/channel/create", body, request.session().username());
            request.notice(Notice.done("Channel “" + created.get("channel_name") + "” created."));
            return Reply.redirect("/channels/" + created.get("channel_id"));
        } catch (ApiError refused) {
            request.notice(Notice.refused("Not created: " + refused.getMessage()));
            return Reply.redirect("/channels");
        }
    }

    /** Grouping in a few words, for the list and the page's summary. */
    static String groupingWords(Grouping grouping) {
        String words = switch (grouping.method()) {
            case n -> "Off: one incident per alert";
            case p -> "Rule-based on " + grouping.equals().stream().map(list -> String.join(" + ", list))
                    .collect(Collectors.joining(", then ")) + (grouping.cases().isEmpty() ? ""
                    : " (" + grouping.cases().size() + (grouping.cases().size() == 1 ? " case" : " cases") + ")")
                    + (grouping.allEqualsRequired() ? ", strict" : "");
            case i -> "Intelligent over " + String.join(", ", grouping.similarityKeys()) + " (score at least "
                    + grouping.scoreThreshold() + ")";
        };
        if (grouping.isOn() && grouping.windowMinutes() > 0) {
            words += "; " + grouping.windowType().name() + " window of " + grouping.windowMinutes() + " minutes";
        }
        return words;
    }

    // ---------------------------------------------------------------- one channel

    /** One grouping case as its form shows it: the filter as lines (or JSON) and its dimension lists. */
    public record CaseForm(int index, String filter, String equals) {
    }

    public record GroupingForm(String method, String equals, List<CaseForm> cases, boolean strict, String windowType,
                               String windowMinutes, String stormThresholds, String similarityKeys,
                               String scoreThreshold) {
    }

    public record FlappingForm(String mode, int maxChanges, int inMinutes, int muteMinutes) {
    }

    /** The timeout in the largest whole unit; {@code note} says so when the stored seconds are not whole minutes. */
    public record AutoResolveForm(long amount, String unit, String mode, boolean disableAutoClose, String note) {
    }

    public record Fact(String label, String text) {
    }

    public record RuleRow(String ruleId, String name, String description, boolean enabled, boolean inEffect,
                          List<Fact> facts, long events, RuleForm form) {
    }

    /**
     * A rule's form, blank for a new rule or pre-filled to edit one. Conditions are lines (see {@link FilterText});
     * a silence rule's window is {@code weekly} (one slot: days, HH:MM to HH:MM, zone) or {@code once} (local
     * date-times in the zone), and when editing also {@code keep}, which leaves the window as it is.
     */
    public record RuleForm(String name, String description, String priority, String filters, String sourceFilters,
                           String targetFilters, String equals, boolean drop, String window, List<Integer> days,
                           String start, String end, String startAt, String endAt, String timeZone,
                           String windowNote) {
        static final RuleForm BLANK = new RuleForm("", "", "", "", "", "", "", false, "weekly", List.of(), "", "",
                "", "", "UTC", "");

        public boolean onDay(int day) {
            return days.contains(day);
        }
    }

    public record RuleSection(RuleKind kind, String title, String explanation, List<RuleRow> rules) {
    }

    public record Weekday(int value, String name) {
    }

    public record ChannelPage(Chrome chrome, Channel channel, String groupingWords, GroupingForm grouping,
                              FlappingForm flapping, AutoResolveForm autoResolve, List<RuleSection> rules,
                              List<Weekday> weekdays, RuleForm newRule) {
        public boolean enabled() {
            return channel.status().equals(Channel.ENABLED);
        }
    }

    private ChannelPage channelPage(ConsoleRequest request) {
        Channel channel = channel(request);
        List<RuleSection> rules = List.of(
                new RuleSection(RuleKind.drop, "Drop rules", "A trigger event they match is discarded with no record.",
                        rules(request, RuleKind.drop, channel.channelId())),
                new RuleSection(RuleKind.silence, "Silence rules", "While in effect, a trigger event they match "
                        + "is kept and marked Silenced (no notification), or dropped.",
                        rules(request, RuleKind.silence, channel.channelId())),
                new RuleSection(RuleKind.inhibit, "Inhibit rules", "A new alert matching the target is inhibited "
                        + "while an active alert matching the source has the same values of the named fields.",
                        rules(request, RuleKind.inhibit, channel.channelId())));
        return new ChannelPage(request.chrome("channels"), channel, groupingWords(channel.grouping()),
                groupingForm(channel.grouping()), flappingForm(channel.flapping()), autoResolveForm(channel), rules,
                WEEKDAYS, RuleForm.BLANK);
    }

    private static GroupingForm groupingForm(Grouping grouping) {
        List<CaseForm> cases = new ArrayList<>();
        for (GroupCase groupCase : grouping.cases()) {
            cases.add(new CaseForm(cases.size(), FilterText.format(groupCase.filter().specs()),
                    dimensionLines(groupCase.equals())));
        }
        cases.add(new CaseForm(cases.size(), "", ""));
        boolean windowOn = grouping.windowMinutes() > 0;
        return new GroupingForm(grouping.method().name(), dimensionLines(grouping.equals()), cases,
                grouping.allEqualsRequired(), windowOn ? grouping.windowType().name() : "off",
                windowOn ? Integer.toString(grouping.windowMinutes()) : "",
                grouping.stormThresholds().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                String.join(", ", grouping.similarityKeys()), Double.toString(grouping.scoreThreshold()));
    }

    private static String dimensionLines(List<List<String>> lists) {
        return lists.stream().map(list -> String.join(", ", list)).collect(Collectors.joining("\n"));
    }

    private static FlappingForm flappingForm(Flapping flapping) {
        String mode = switch (flapping.mode()) {
            case off -> "off";
            case alert -> "mark";
            case silence -> "mute";
        };
        return new FlappingForm(mode, flapping.maxChanges(), flapping.inMinutes(), flapping.muteMinutes());
    }

    private static AutoResolveForm autoResolveForm(Channel channel) {
        long seconds = channel.autoResolveTimeout();
        boolean hours = seconds % 3600 == 0;
        String note = seconds % 60 == 0 ? "" : "Now " + Formats.duration(seconds) + "; saving keeps whole minutes.";
        return new AutoResolveForm(hours ? seconds / 3600 : seconds / 60, hours ? "hours" : "minutes",
                channel.autoResolveMode().name(), channel.disableAutoClose(), note);
    }

    /** The channel's rules as the Open API's list operation answers them, with its counters. */
    private List<RuleRow> rules(ConsoleRequest request, RuleKind kind, long channelId) {
        JsonNode answer = json.valueToTree(operations.call(kind.api + "/list",
                json.createObjectNode().put("channel_id", channelId), request.session().username()));
        List<RuleRow> rows = new ArrayList<>();
        for (JsonNode rule : answer.path("items")) {
            List<Fact> facts = new ArrayList<>();
            switch (kind) {
                case drop -> facts.add(new Fact("Matches", FilterText.words(rule.get("filters"), "filters")));
                case silence -> {
                    facts.add(new Fact("Matches", FilterText.words(rule.get("filters"), "filters")));
                    facts.add(new Fact("When", windowWords(rule)));
                    facts.add(new Fact("Then", behaviour(rule, "Silenced")));
                }
                case inhibit -> {
                    facts.add(new Fact("Source (active alert)", FilterText.words(rule.get("source_filters"),
                            "source_filters")));
                    facts.add(new Fact("Target (new alert)", FilterText.words(rule.get("target_filters"),
                            "target_filters")));
                    List<String> equals = new ArrayList<>();
                    rule.path("equals").forEach(field -> equals.add(field.asText()));
                    facts.add(new Fact("With the same", String.join(", ", equals)));
                    facts.add(new Fact("Then", behaviour(rule, "Inhibited")));
                }
            }
            if (rule.path("priority").asInt() != 0) {
                facts.add(new Fact("Priority", rule.path("priority").asText()));
            }
            rows.add(new RuleRow(rule.path("rule_id").asText(), rule.path("rule_name").asText(),
                    rule.path("description").asText(), rule.path("status").asText().equals("enabled"),
                    rule.path("is_effective").asBoolean(), facts, rule.path("events_cnt").asLong(),
                    ruleForm(kind, rule)));
        }
        return rows;
    }

    private static RuleForm ruleForm(RuleKind kind, JsonNode rule) {
        List<String> equals = new ArrayList<>();
        rule.path("equals").forEach(field -> equals.add(field.asText()));
        String filters = kind == RuleKind.inhibit ? "" : lines(rule, "filters");
        List<Integer> days = new ArrayList<>();
        String start = "";
        String end = "";
        String startAt = "";
        String endAt = "";
        String zone = "UTC";
        String note = "";
        JsonNode once = rule.get("time_filter");
        JsonNode slots = rule.path("time_filters");
        if (once != null && once.isObject()) {
            startAt = localMinute(once.path("start_time").asLong());
            endAt = localMinute(once.path("end_time").asLong());
        } else if (slots.size() == 1) {
            slots.get(0).path("repeat").forEach(day -> days.add(day.asInt()));
            start = slots.get(0).path("start").asText();
            end = slots.get(0).path("end").asText();
            zone = rule.path("time_zone").asText();
        } else if (slots.size() > 1) {
            zone = rule.path("time_zone").asText();
            note = "This rule has " + slots.size() + " weekly time slots; the form sets one, so choosing every "
                    + "week replaces them.";
        }
        return new RuleForm(rule.path("rule_name").asText(), rule.path("description").asText(),
                rule.path("priority").asText(), filters, lines(rule, "source_filters"),
                lines(rule, "target_filters"), String.join(", ", equals),
                rule.path("is_directly_discard").asBoolean(), "keep", days, start, end, startAt, endAt, zone, note);
    }

    /** The rule's filters in {@code field} as the lines its form shows; empty when the rule has none there. */
    private static String lines(JsonNode rule, String field) {
        return FilterText.format(ChannelSettingsJson.filterSpecs(rule.get(field), field));
    }

    /** Unix seconds as a {@code datetime-local} value in UTC, to the minute. */
    private static String localMinute(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    private static String behaviour(JsonNode rule, String mark) {
        return rule.path("is_directly_discard").asBoolean() ? "the event is dropped with no record"
                : "the alert is kept and marked " + mark;
    }

    private static String windowWords(JsonNode rule) {
        JsonNode once = rule.get("time_filter");
        if (once != null && once.isObject()) {
            return "from " + Formats.time(once.path("start_time").asLong()) + " to "
                    + Formats.time(once.path("end_time").asLong());
        }
        List<String> slots = new ArrayList<>();
        for (JsonNode slot : rule.path("time_filters")) {
            List<String> days = new ArrayList<>();
            slot.path("repeat").forEach(day -> days.add(DAY_NAMES[day.asInt()]));
            slots.add((days.isEmpty() ? "every day" : String.join(", ", days)) + " " + slot.path("start").asText()
                    + "–" + slot.path("end").asText());
        }
        return "weekly, " + String.join("; ", slots) + " (" + rule.path("time_zone").asText() + ")";
    }

    // ---------------------------------------------------------------- settings forms into the API's JSON

    private ObjectNode groupingJson(ConsoleRequest request) {
        ObjectNode group = json.createObjectNode().put("method", request.param("method"));
        group.set("equals", dimensionLists(request.param("equals")));
        ArrayNode cases = group.putArray("cases");
        for (int index = 0; request.params().containsKey("case_if_" + index)
                || request.params().containsKey("case_equals_" + index); index++) {
            String filter = request.param("case_if_" + index);
            String equals = request.param("case_equals_" + index);
            if (filter.isEmpty() && equals.isEmpty()) {
                continue;
            }
            ObjectNode groupCase = cases.addObject();
            groupCase.set("if", FilterText.parse(filter, "group.cases[" + (cases.size() - 1) + "].if"));
            groupCase.set("equals", dimensionLists(equals));
        }
        group.put("all_equals_required", !request.param("all_equals_required").isEmpty());
        String windowType = request.param("window_type");
        if (windowType.equals("off")) {
            group.put("time_window", 0);
        } else {
            long minutes = whole(request.param("time_window"), "group.time_window");
            if (minutes == 0) {
                throw new IllegalArgumentException("group.time_window must be at least 1 minute for a " + windowType
                        + " window; choose no window to let incidents take alerts until they close");
            }
            group.put("time_window", minutes).put("window_type", windowType);
        }
        ArrayNode thresholds = group.putArray("storm_thresholds");
        for (String threshold : commaList(request.param("storm_thresholds"))) {
            thresholds.add(whole(threshold, "group.storm_thresholds"));
        }
        List<String> keys = commaList(request.param("i_keys"));
        if (!keys.isEmpty()) {
            ArrayNode similarityKeys = group.putArray("i_keys");
            keys.forEach(similarityKeys::add);
        }
        String threshold = request.param("i_score_threshold");
        if (!threshold.isEmpty()) {
            try {
                group.put("i_score_threshold", Double.parseDouble(threshold));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("group.i_score_threshold must be a number from 0.5 to 1 (got \""
                        + threshold + "\")");
            }
        }
        return group;
    }

    /** One dimension list per line, its dimensions separated by commas. */
    private ArrayNode dimensionLists(String text) {
        ArrayNode lists = json.createArrayNode();
        for (String line : text.split("\\R")) {
            List<String> dimensions = commaList(line);
            if (!dimensions.isEmpty()) {
                ArrayNode list = lists.addArray();
                dimensions.forEach(list::add);
            }
        }
        return lists;
    }

    private ObjectNode flappingJson(ConsoleRequest request) {
        String mode = request.param("mode");
        if (!List.of("off", "mark", "mute").contains(mode)) {
            throw new IllegalArgumentException("flapping: choose off, mark or mark and mute (got \"" + mode + "\")");
        }
        ObjectNode flapping = json.createObjectNode().put("is_disabled", mode.equals("off"))
                .put("max_changes", whole(request.param("max_changes"), "flapping.max_changes"))
                .put("in_mins", whole(request.param("in_mins"), "flapping.in_mins"));
        long mute = 0;
        if (mode.equals("mute")) {
            mute = whole(request.param("mute_mins"), "flapping.mute_mins");
            if (mute == 0) {
                throw new IllegalArgumentException("flapping.mute_mins must be 30 to 1440 minutes to mute; choose "
                        + "mark only not to mute");
            }
        }
        return flapping.put("mute_mins", mute);
    }

    private ObjectNode autoResolveJson(ConsoleRequest request) {
        long amount = whole(request.param("timeout"), "auto_resolve_timeout");
        long unit = switch (request.param("unit")) {
            case "minutes" -> 60;
            case "hours" -> 3600;
            default -> throw new IllegalArgumentException("auto_resolve_timeout: the unit must be minutes or hours");
        };
        return channelBody(request).put("auto_resolve_timeout", amount * unit)
                .put("auto_resolve_mode", request.param("auto_resolve_mode"))
                .put("disable_auto_close", !request.param("disable_auto_close").isEmpty());
    }

    // ---------------------------------------------------------------- rule forms into the API's JSON

    /** A rule form as the create or update operation takes it; an update may keep a silence rule's window. */
    private ObjectNode ruleJson(RuleKind kind, ConsoleRequest request, boolean editing) {
        ObjectNode rule = channelBody(request).put("rule_name", request.param("rule_name"))
                .put("description", request.param("description"));
        if (!request.param("priority").isEmpty()) {
            rule.put("priority", whole(request.param("priority"), "priority"));
        }
        switch (kind) {
            case drop -> rule.set("filters", FilterText.parse(request.param("filters"), "filters"));
            case silence -> {
                rule.set("filters", FilterText.parse(request.param("filters"), "filters"));
                if (!(editing && request.param("window").equals("keep"))) {
                    silenceWindow(request, rule);
                }
                rule.put("is_directly_discard", discard(request));
            }
            case inhibit -> {
                rule.set("source_filters", FilterText.parse(request.param("source_filters"), "source_filters"));
                rule.set("target_filters", FilterText.parse(request.param("target_filters"), "target_filters"));
                ArrayNode equals = rule.putArray("equals");
                commaList(request.param("equals")).forEach(equals::add);
                rule.put("is_directly_discard", discard(request));
            }
        }
        return rule;
    }

    /** Once (two local date-times in the form's time zone) or weekly (one slot: days, HH:MM to HH:MM, zone). */
    private static void silenceWindow(ConsoleRequest request, ObjectNode rule) {
        String zoneName = request.param("time_zone").isEmpty() ? "UTC" : request.param("time_zone");
        switch (request.param("window")) {
            case "once" -> {
                ZoneId zone;
                try {
                    zone = ZoneId.of(zoneName);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("time_zone \"" + zoneName + "\" is not a time zone (use a "
                            + "name such as Europe/Berlin)");
                }
                rule.putObject("time_filter")
                        .put("start_time", epochSecond(request.param("start_at"), zone, "time_filter.start_time"))
                        .put("end_time", epochSecond(request.param("end_at"), zone, "time_filter.end_time"));
            }
            case "weekly" -> {
                ObjectNode slot = rule.putArray("time_filters").addObject()
                        .put("start", request.param("start")).put("end", request.param("end"));
                ArrayNode repeat = slot.putArray("repeat");
                request.all("day").forEach(day -> repeat.add(whole(day, "time_filters[0].repeat")));
                rule.put("time_zone", zoneName);
            }
            default -> throw new IllegalArgumentException("choose when the rule silences: once or weekly");
        }
    }

    private static long epochSecond(String localDateTime, ZoneId zone, String field) {
        try {
            return LocalDateTime.parse(localDateTime).atZone(zone).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date and time such as 2025-01-31T18:00 (got \""
                    + localDateTime + "\")");
        }
    }

    private static boolean discard(ConsoleRequest request) {
        return request.param("behaviour").equals("drop");
    }

    // ---------------------------------------------------------------- actions

    private Reply delete(ConsoleRequest request) {
        Channel channel = channel(request);
        if (!request.param("confirm").equals("yes")) {
            request.notice(Notice.refused("Not deleted: tick “yes, delete this channel” to confirm."));
            return Reply.redirect(channelPath(request));
        }
        boolean deleted = request.attempt(() -> operations.call("/channel/delete", channelBody(request),
                request.session().username()), "Channel “" + channel.channelName()
                + "” deleted; its incidents stay readable.", "Not deleted: ");
        return Reply.redirect(deleted ? "/channels" : channelPath(request));
    }

    private Reply update(ConsoleRequest request, String done, Supplier<ObjectNode> body) {
        return act(request, "/channel/update", done, body);
    }

    /**
     * Builds the operation's body from the form (a form the console cannot read is refused with what is wrong), runs
     * it as the signed-in user, and answers with a notice on the channel's page.
     */
    private Reply act(ConsoleRequest request, String operation, String done, Supplier<ObjectNode> form) {
        ObjectNode body;
        try {
            body = form.get();
        } catch (IllegalArgumentException unreadable) {
            request.notice(Notice.refused("Not saved: " + unreadable.getMessage()));
            return Reply.redirect(channelPath(request));
        }
        request.attempt(() -> operations.call(operation, body, request.session().username()), done, "Not saved: ");
        return Reply.redirect(channelPath(request));
    }

    private ObjectNode channelBody(ConsoleRequest request) {
        return json.createObjectNode().put("channel_id", channel(request).channelId());
    }

    /** The channel the path names; a deleted or unknown one is a 404, as it is gone from the list. */
    private Channel channel(ConsoleRequest request) {
        String id = request.pathParam("id");
        return (id.matches(CHANNEL_ID) ? catalog.channel(Long.parseLong(id)) : java.util.Optional.<Channel>empty())
                .filter(c -> !c.status().equals(Channel.DELETED))
                .orElseThrow(() -> new ConsoleRoutes.NotFound("There is no channel " + id + "."));
    }

    private static String channelPath(ConsoleRequest request) {
        return "/channels/" + request.pathParam("id");
    }

    private static List<String> commaList(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static long whole(String text, String field) {
        if (!text.matches(WHOLE_NUMBER)) {
            throw new IllegalArgumentException(field + " must be a whole number (got \"" + text + "\")");
        }
        return Long.parseLong(text);
    }
}
