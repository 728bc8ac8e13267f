package dev.quell.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quell.api.OpenApiRoutes;
import dev.quell.engine.Channel;
import dev.quell.engine.Incident;
import dev.quell.engine.Progress;
import dev.quell.engine.Severity;
import dev.quell.engine.TimelineEntry;
import dev.quell.store.AlertView;
import dev.quell.store.Catalog;
import dev.quell.store.IncidentOverview;
import dev.quell.store.IncidentQuery;
import dev.quell.store.Page;
import dev.quell.store.SearchAfter;
import dev.quell.store.Store;
import io.vertx.ext.web.Router;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The incidents page (the console's home: filters, counts per severity, a 24-hour chart, live updates) and an
 * incident's page with everything people do to it. Actions go through the Open API's own operations, so the
 * console validates and behaves exactly as the API does, with the signed-in user named in the timeline.
 */
public final class IncidentPages {
    static final int PAGE_SIZE = 50;
    private static final int MAX_QUERY = 200;
    private static final int ALERTS_SHOWN = 200;
    private static final Map<String, Long> RANGES = rangeSeconds();
    private static final List<Integer> SNOOZE_PRESETS = List.of(30, 60, 240, 1440);

    private final Store store;
    private final Catalog catalog;
    private final OpenApiRoutes operations;
    private final Templates templates;
    private final ObjectMapper json;
    private final LongSupplier clock;

    public IncidentPages(Store store, Catalog catalog, OpenApiRoutes operations, Templates templates,
                         ObjectMapper json, LongSupplier clock) {
        this.store = store;
        this.catalog = catalog;
        this.operations = operations;
        this.templates = templates;
        this.json = json;
        this.clock = clock;
    }

    public void mount(ConsoleRoutes routes, Router router) {
        routes.page(router, "/", request -> Reply.html(templates.render("incidents.jte", incidentsPage(request))));
        routes.page(router, "/incidents/list", request -> Reply.html(templates.render("incident-list.jte",
                incidentList(request, filters(request)))));
        routes.page(router, "/incidents/:id", request -> Reply.html(templates.render("incident.jte",
                incidentPage(request))));
        routes.action(router, "/incidents/:id/ack", request -> act(request, "/incident/ack", ids(request),
                "Acknowledged."));
        routes.action(router, "/incidents/:id/unack", request -> act(request, "/incident/unack", ids(request),
                "Acknowledgement withdrawn."));
        routes.action(router, "/incidents/:id/resolve", request -> act(request, "/incident/resolve",
                ids(request).put("root_cause", request.param("root_cause"))
                        .put("resolution", request.param("resolution")), "Resolved."));
        routes.action(router, "/incidents/:id/reopen", request -> act(request, "/incident/reopen",
                ids(request).put("reason", request.param("reason")), "Reopened."));
        routes.action(router, "/incidents/:id/snooze", this::snooze);
        routes.action(router, "/incidents/:id/wake", request -> act(request, "/incident/wake", ids(request),
                "Woken."));
        routes.action(router, "/incidents/:id/comment", request -> act(request, "/incident/comment",
                ids(request).put("comment", request.param("comment")), "Comment added."));
        routes.action(router, "/incidents/:id/edit", this::edit);
        routes.action(router, "/incidents/:id/merge", this::merge);
        routes.action(router, "/incidents/:id/silence", request -> {
            ObjectNode body = json.createObjectNode().put("incident_id", incidentId(request))
                    .put("duration", request.param("duration"));
            return act(request, "/incident/quick-silence", body, "Silenced: new alerts like this one are muted for "
                    + request.param("duration") + " (see the channel's silence rules).");
        });
    }

    // ---------------------------------------------------------------- the incidents page

    /** The filters of the incidents page, as the form and the live list both send them. */
    public record Filters(String progress, Set<Severity> severities, Long channelId, String range, String text,
                          String after) {
        /** The filters as a query string, for links that keep them. */
        public String query() {
            return new QueryString().add("progress", progress).add("range", range).addEach("severity", severities)
                    .add("channel", channelId).add("q", text).toString();
        }

        public boolean has(Severity severity) {
            return severities.contains(severity);
        }
    }

    public record IncidentRow(String incidentId, String num, String title, String severity, String progress,
                              String channelName, long startTime, String started, String age, long alertCnt,
                              long activeAlertCnt, boolean snoozed, boolean muted) {
    }

    public record SeverityCount(String severity, long count) {
    }

    /** The live part of the page: counts per severity, the rows, and where the next page starts. */
    public record IncidentList(Filters filters, List<SeverityCount> counts, long total, List<IncidentRow> rows,
                               String nextPage, HourlyChart chart) {
    }

    public record IncidentsPage(Chrome chrome, Filters filters, List<ChannelOption> channels, List<String> ranges,
                                IncidentList list) {
    }

    private IncidentsPage incidentsPage(ConsoleRequest request) {
        Filters filters = filters(request);
        List<ChannelOption> channels = ChannelOption.of(catalog.channels().stream());
        return new IncidentsPage(request.chrome("incidents"), filters, channels, List.copyOf(RANGES.keySet()),
                incidentList(request, filters));
    }

    private static Filters filters(ConsoleRequest request) {
        String progress = request.param("progress");
        if (!List.of("open", "all", "Triggered", "Processing", "Closed").contains(progress)) {
            progress = "open";
        }
        String range = RANGES.containsKey(request.param("range")) ? request.param("range") : "all";
        return new Filters(progress, request.severities("severity"), request.id("channel"), range,
                request.text("q", MAX_QUERY), request.objectId("after"));
    }

    private IncidentList incidentList(ConsoleRequest request, Filters filters) {
        long now = clock.getAsLong();
        Set<Progress> progress = switch (filters.progress()) {
            case "open" -> EnumSet.of(Progress.Triggered, Progress.Processing);
            case "all" -> EnumSet.noneOf(Progress.class);
            default -> EnumSet.of(Progress.valueOf(filters.progress()));
        };
        long span = RANGES.get(filters.range());
        IncidentQuery query = new IncidentQuery(span == 0 ? 0 : now - span, now, false, progress,
                filters.severities(), filters.channelId() == null ? null : List.of(filters.channelId()), null, null,
                filters.text().isEmpty() ? null : filters.text(),
                filters.after().isEmpty() ? null : new SearchAfter(0, filters.after()), 1, PAGE_SIZE);
        IncidentOverview overview = store.incidentOverview(query);
        Page<Incident> page = overview.page();
        Map<Severity, Long> counts = overview.countsBySeverity();
        List<SeverityCount> countRows = new ArrayList<>();
        for (Severity severity : List.of(Severity.Critical, Severity.Warning, Severity.Info)) {
            countRows.add(new SeverityCount(severity.name(), counts.getOrDefault(severity, 0L)));
        }
        Map<Long, String> channelNames = new LinkedHashMap<>();
        catalog.channels().forEach(c -> channelNames.put(c.channelId(), c.channelName()));
        List<IncidentRow> rows = page.items().stream().map(i -> new IncidentRow(i.incidentId(), i.num(), i.title(),
                i.severity().name(), i.progress().name(), channelNames.getOrDefault(i.channelId(), "—"),
                i.startTime(), Formats.time(i.startTime()), Formats.ago(i.startTime(), now), i.alertCnt(),
                i.activeAlertCnt(), i.snoozedBefore() > now, i.everMuted())).toList();
        String next = page.hasNextPage() && !rows.isEmpty() ? rows.get(rows.size() - 1).incidentId() : "";
        return new IncidentList(filters, countRows, page.total(), rows, next, chart(now));
    }

    /** Incidents opened and events received in each of the last 24 hours. */
    private HourlyChart chart(long now) {
        long fromHour = now / 3600 - 23;
        return HourlyChart.of(fromHour, store.incidentsPerHour(fromHour, 24), store.eventsPerHour(fromHour, 24));
    }

    private static Map<String, Long> rangeSeconds() {
        Map<String, Long> ranges = new LinkedHashMap<>();
        ranges.put("1h", 3600L);
        ranges.put("24h", 86400L);
        ranges.put("7d", 7 * 86400L);
        ranges.put("30d", 30 * 86400L);
        ranges.put("all", 0L);
        return ranges;
    }

    // ---------------------------------------------------------------- one incident

    public record TimelineLine(String time, String isoTime, String actor, String type, String words) {
    }

    public record AlertRow(String alertId, String title, String severity, String status, String started,
                           String lastSeen, long eventCnt) {
    }

    public record IncidentPage(Chrome chrome, Incident incident, String channelName, String started,
                               String acknowledgedAt, String closedAt, String timeToAck, String timeToClose,
                               String snoozedUntil, List<AlertRow> alerts, long alertTotal,
                               List<TimelineLine> timeline, List<Integer> snoozePresets) {
        public boolean open() {
            return incident.progress() != Progress.Closed;
        }

        public boolean processing() {
            return incident.progress() == Progress.Processing;
        }

        public boolean snoozed() {
            return !snoozedUntil.isEmpty();
        }
    }

    private IncidentPage incidentPage(ConsoleRequest request) {
        String id = incidentId(request);
        Incident incident = store.incident(id)
                .orElseThrow(() -> new ConsoleRoutes.NotFound("There is no incident " + id + "."));
        long now = clock.getAsLong();
        Page<AlertView> alerts = store.incidentAlerts(id, null, 1, ALERTS_SHOWN);
        List<AlertRow> alertRows = alerts.items().stream().map(view -> new AlertRow(view.alert().alertId(),
                view.alert().title(), view.alert().severity().name(), view.alert().status().name(),
                Formats.time(view.alert().startTime()), Formats.ago(view.alert().lastTime(), now),
                view.alert().eventCnt())).toList();
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(TimelineEntry.opening(incident));
        entries.addAll(store.incidentTimeline(id));
        List<TimelineLine> timeline = entries.stream().map(e -> new TimelineLine(Formats.time(e.createdAt()),
                Formats.isoTime(e.createdAt()), e.actor(), e.type(), TimelineWords.describe(e))).toList();
        String channelName = catalog.channel(incident.channelId()).map(Channel::channelName).orElse("no channel");
        return new IncidentPage(request.chrome("incidents"), incident, channelName, Formats.time(incident.startTime()),
                Formats.time(incident.ackTime()), Formats.time(incident.closeTime()),
                incident.ackTime() > 0 ? Formats.duration(incident.ackTime() - incident.startTime()) : "—",
                incident.closeTime() > 0 ? Formats.duration(incident.closeTime() - incident.startTime()) : "—",
                incident.snoozedBefore() > now ? Formats.time(incident.snoozedBefore()) : "", alertRows,
                alerts.total(), timeline, SNOOZE_PRESETS);
    }

    // ---------------------------------------------------------------- actions

    private Reply snooze(ConsoleRequest request) {
        String minutes = request.param("minutes").isEmpty() ? request.param("custom_minutes") : request.param("minutes");
        if (!minutes.matches("\\d{1,5}")) {
            request.notice(Notice.refused("Give the snooze in whole minutes, 1 to 1440."));
            return Reply.redirect(incidentPath(request));
        }
        return act(request, "/incident/snooze", ids(request).put("minutes", Long.parseLong(minutes)),
                "Snoozed for " + Formats.duration(Long.parseLong(minutes) * 60) + ".");
    }

    /** Title and severity: only what the form changed is sent, so an unchanged field leaves no timeline entry. */
    private Reply edit(ConsoleRequest request) {
        String id = incidentId(request);
        Incident incident = store.incident(id)
                .orElseThrow(() -> new ConsoleRoutes.NotFound("There is no incident " + id + "."));
        ObjectNode body = json.createObjectNode().put("incident_id", id);
        if (!request.param("title").equals(incident.title())) {
            body.put("title", request.param("title"));
        }
        if (!request.param("severity").equals(incident.severity().name())) {
            body.put("incident_severity", request.param("severity"));
        }
        if (body.size() == 1) {
            request.notice(Notice.done("Nothing changed."));
            return Reply.redirect(incidentPath(request));
        }
        return act(request, "/incident/reset", body, "Saved.");
    }

    private Reply merge(ConsoleRequest request) {
        String target = request.param("target").toLowerCase(java.util.Locale.ROOT);
        ObjectNode body = json.createObjectNode().put("target_incident_id", target);
        body.putArray("source_incident_ids").add(incidentId(request));
        if (!request.attempt(() -> operations.call("/incident/merge", body, request.session().username()),
                "Merged into this incident.", "Not merged: ")) {
            return Reply.redirect(incidentPath(request));
        }
        return Reply.redirect("/incidents/" + target);
    }

    /** Runs an Open API operation as the signed-in user; the answer is a notice on the incident's page. */
    private Reply act(ConsoleRequest request, String operation, ObjectNode body, String done) {
        request.attempt(() -> operations.call(operation, body, request.session().username()), done, "Not done: ");
        return Reply.redirect(incidentPath(request));
    }

    private ObjectNode ids(ConsoleRequest request) {
        ObjectNode body = json.createObjectNode();
        body.putArray("incident_ids").add(incidentId(request));
        return body;
    }

    private static String incidentId(ConsoleRequest request) {
        String id = request.pathParam("id");
        if (!ConsoleRequest.isObjectId(id)) {
            throw new ConsoleRoutes.NotFound("There is no incident " + id + ".");
        }
        return id;
    }

    private static String incidentPath(ConsoleRequest request) {
        return "/incidents/" + incidentId(request);
    }
}
