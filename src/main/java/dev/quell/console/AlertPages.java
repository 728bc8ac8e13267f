package dev.quell.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quell.api.OpenApiRoutes;
import dev.quell.engine.Alert;
import dev.quell.engine.Channel;
import dev.quell.engine.Image;
import dev.quell.engine.Integration;
import dev.quell.engine.Severity;
import dev.quell.engine.StoredEvent;
import dev.quell.engine.TimelineEntry;
import dev.quell.store.AlertQuery;
import dev.quell.store.AlertView;
import dev.quell.store.Catalog;
import dev.quell.store.Page;
import dev.quell.store.SearchAfter;
import dev.quell.store.Store;
import io.vertx.ext.web.Router;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The alerts page (newest first, active or recovered, live) and an alert's page: what it is, its stored events with
 * what rewrote them, and its feed. The feed comes from the Open API's own {@code /alert/feed}, so the console and the
 * API tell one story of an alert's life.
 */
public final class AlertPages {
    static final int PAGE_SIZE = 50;
    static final int EVENTS_SHOWN = 100;
    /** The most {@code /alert/feed} answers in one page. */
    private static final int FEED_PAGE_SIZE = 100;
    private static final int MAX_KEY = 200;
    private static final List<String> STATUSES = List.of("active", "recovered", "all");

    private final Store store;
    private final Catalog catalog;
    private final OpenApiRoutes operations;
    private final Templates templates;
    private final ObjectMapper json;
    private final LongSupplier clock;

    public AlertPages(Store store, Catalog catalog, OpenApiRoutes operations, Templates templates, ObjectMapper json,
                      LongSupplier clock) {
        this.store = store;
        this.catalog = catalog;
        this.operations = operations;
        this.templates = templates;
        this.json = json;
        this.clock = clock;
    }

    /** The list fragment is mounted before {@code /alerts/:id}, which would otherwise take {@code list} for an id. */
    public void mount(ConsoleRoutes routes, Router router) {
        routes.page(router, "/alerts", request -> Reply.html(templates.render("alerts.jte", alertsPage(request))));
        routes.page(router, "/alerts/list", request -> Reply.html(templates.render("alert-list.jte",
                alertList(filters(request)))));
        routes.page(router, "/alerts/:id", request -> Reply.html(templates.render("alert.jte", alertPage(request))));
    }

    // ---------------------------------------------------------------- the alerts page

    /**
     * The filters of the alerts page. There is no free-text search: the store filters alerts by exact key (indexed)
     * but not by title or labels, and a LIKE over every alert's title would read the whole table.
     */
    public record Filters(String status, Set<Severity> severities, Long channelId, String key, String after) {
        /** The filters as a query string, for links that keep them. */
        public String query() {
            return new QueryString().add("status", status).addEach("severity", severities).add("channel", channelId)
                    .add("key", key).toString();
        }

        public boolean has(Severity severity) {
            return severities.contains(severity);
        }
    }

    public record AlertRow(String alertId, String title, String severity, boolean active, String integrationName,
                           String incidentId, String incidentTitle, String incidentProgress, long startTime,
                           String started, String lastSeen, long eventCnt, boolean muted) {
    }

    /** The live part of the page: the rows and where the next page starts. */
    public record AlertList(Filters filters, long total, List<AlertRow> rows, String nextPage) {
    }

    public record AlertsPage(Chrome chrome, Filters filters, List<String> statuses, List<ChannelOption> channels,
                             AlertList list) {
    }

    private AlertsPage alertsPage(ConsoleRequest request) {
        Filters filters = filters(request);
        List<ChannelOption> channels = ChannelOption.of(catalog.channels().stream());
        return new AlertsPage(request.chrome("alerts"), filters, STATUSES, channels, alertList(filters));
    }

    private static Filters filters(ConsoleRequest request) {
        String status = STATUSES.contains(request.param("status")) ? request.param("status") : "active";
        return new Filters(status, request.severities("severity"), request.id("channel"), request.text("key", MAX_KEY),
                request.objectId("after"));
    }

    private AlertList alertList(Filters filters) {
        long now = clock.getAsLong();
        Boolean active = switch (filters.status()) {
            case "active" -> true;
            case "recovered" -> false;
            default -> null;
        };
        AlertQuery query = new AlertQuery(0, now, active, null, filters.severities(),
                filters.channelId() == null ? null : List.of(filters.channelId()), null, null,
                filters.key().isEmpty() ? null : List.of(filters.key()), false, false, false,
                filters.after().isEmpty() ? null : new SearchAfter(0, filters.after()), 1, PAGE_SIZE);
        Page<AlertView> page = store.alerts(query);
        Map<Long, String> integrationNames = integrationNames();
        List<AlertRow> rows = page.items().stream().map(view -> {
            Alert a = view.alert();
            return new AlertRow(a.alertId(), a.title(), a.severity().name(), a.isActive(),
                    integrationNames.getOrDefault(a.integrationId(), "—"), incidentIdOf(view),
                    view.incidentTitle() == null ? "" : view.incidentTitle(),
                    view.incidentProgress() == null ? "" : view.incidentProgress().name(), a.startTime(),
                    Formats.time(a.startTime()), Formats.ago(a.lastTime(), now), a.eventCnt(), a.everMuted());
        }).toList();
        String next = page.hasNextPage() && !rows.isEmpty() ? rows.get(rows.size() - 1).alertId() : "";
        return new AlertList(filters, page.total(), rows, next);
    }

    private Map<Long, String> integrationNames() {
        Map<Long, String> names = new LinkedHashMap<>();
        catalog.integrations().forEach(i -> names.put(i.integrationId(), i.integrationName()));
        return names;
    }

    /** The incident an alert belongs to, when it still exists. */
    private static String incidentIdOf(AlertView view) {
        return view.incidentProgress() == null || view.alert().incidentId() == null ? "" : view.alert().incidentId();
    }

    // ---------------------------------------------------------------- one alert

    public record Label(String key, String value) {
    }

    /** An image as a link only: the console never loads what an event points to. {@code href} is empty unless http(s). */
    public record ImageLink(String src, String href, String alt) {
    }

    public record EventRow(String eventId, String status, String time, String isoTime, String received, String title,
                           List<Label> labels, List<String> rewrites) {
    }

    /** A feed entry in words, with a link to what it names (the source alert of an inhibition, an incident). */
    public record FeedLine(String time, String isoTime, String type, String words, String linkHref, String linkText) {
    }

    public record AlertPage(Chrome chrome, Alert alert, boolean active, String channelName, String integrationName,
                            String incidentId, String incidentTitle, String incidentProgress, String started,
                            String lastSeen, String ended, List<Label> labels, List<ImageLink> images,
                            List<EventRow> events, long storedEvents, List<FeedLine> feed, int feedPage,
                            boolean feedHasNext) {
    }

    private AlertPage alertPage(ConsoleRequest request) {
        String id = request.pathParam("id");
        if (!ConsoleRequest.isObjectId(id)) {
            throw new ConsoleRoutes.NotFound("There is no alert " + id + ".");
        }
        AlertView view = store.alert(id).orElseThrow(() -> new ConsoleRoutes.NotFound("There is no alert " + id + "."));
        Alert alert = view.alert();
        List<StoredEvent> stored = store.alertEvents(id);
        List<EventRow> events = stored.stream().limit(EVENTS_SHOWN).map(e -> new EventRow(e.eventId(),
                e.status().name(), Formats.time(e.eventTime()), Formats.isoTime(e.eventTime()),
                Formats.time(e.createdAt()), e.title(), labels(e.labels()),
                e.rewrites().stream().map(TimelineWords::rewrite).toList())).toList();
        int feedPage = request.param("feed_page").matches("[1-9]\\d{0,5}") ? Integer.parseInt(request.param("feed_page"))
                : 1;
        Map<String, Object> feed = feed(id, feedPage, request.session().username());
        String channelName = catalog.channel(alert.channelId()).map(Channel::channelName).orElse("no channel");
        String integrationName = catalog.integration(alert.integrationId()).map(Integration::integrationName)
                .orElse("—");
        return new AlertPage(request.chrome("alerts"), alert, alert.isActive(), channelName, integrationName,
                incidentIdOf(view), view.incidentTitle() == null ? "" : view.incidentTitle(),
                view.incidentProgress() == null ? "" : view.incidentProgress().name(),
                Formats.time(alert.startTime()), Formats.time(alert.lastTime()), Formats.time(alert.endTime()),
                labels(alert.labels()), alert.images().stream().map(AlertPages::imageLink).toList(), events,
                stored.size(), feedLines(feed), feedPage, Boolean.TRUE.equals(feed.get("has_next_page")));
    }

    /** One page of the alert's feed, newest first, as {@code /alert/feed} answers it. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> feed(String alertId, int page, String username) {
        ObjectNode body = json.createObjectNode().put("alert_id", alertId).put("asc", false).put("p", page)
                .put("limit", FEED_PAGE_SIZE);
        return (Map<String, Object>) operations.call("/alert/feed", body, username);
    }

    @SuppressWarnings("unchecked")
    private static List<FeedLine> feedLines(Map<String, Object> feed) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) feed.getOrDefault("items", List.of());
        return items.stream().map(item -> {
            Map<String, String> detail = (Map<String, String>) item.get("detail");
            long at = ((Number) item.get("created_at")).longValue();
            String type = (String) item.get("type");
            TimelineEntry entry = new TimelineEntry("", detail.getOrDefault("incident_id", ""), type,
                    TimelineEntry.SYSTEM, detail, at);
            String source = detail.getOrDefault("source_alert_id", "");
            String incident = detail.getOrDefault("incident_id", "");
            String href = "";
            String text = "";
            if (ConsoleRequest.isObjectId(source)) {
                href = "/alerts/" + source;
                text = "source alert";
            } else if (type.equals("a_merge") && ConsoleRequest.isObjectId(incident)) {
                href = "/incidents/" + incident;
                text = "incident";
            }
            return new FeedLine(Formats.time(at), Formats.isoTime(at), type, TimelineWords.describe(entry), href,
                    text);
        }).toList();
    }

    private static List<Label> labels(Map<String, String> labels) {
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Label(e.getKey(), e.getValue())).toList();
    }

    private static ImageLink imageLink(Image image) {
        return new ImageLink(isWebUrl(image.src()) ? image.src() : "", isWebUrl(image.href()) ? image.href() : "",
                image.alt());
    }

    /** Only http(s) addresses become links: a {@code javascript:} or {@code data:} href from an event never does. */
    private static boolean isWebUrl(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }
}
