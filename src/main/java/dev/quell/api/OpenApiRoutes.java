package dev.quell.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quell.engine.Channel;
import dev.quell.engine.ChannelRule;
import dev.quell.engine.Flapping;
import dev.quell.engine.Grouping;
import dev.quell.engine.Incident;
import dev.quell.engine.ActionRefused;
import dev.quell.engine.AlertMerge;
import dev.quell.engine.IncidentAction;
import dev.quell.engine.IncidentMerge;
import dev.quell.engine.ManualIncident;
import dev.quell.engine.Integration;
import dev.quell.engine.Progress;
import dev.quell.engine.Route;
import dev.quell.engine.Severity;
import dev.quell.engine.StoredEvent;
import dev.quell.engine.TimelineEntry;
import dev.quell.engine.UnknownAlert;
import dev.quell.engine.UnknownIncident;
import dev.quell.http.ApiError;
import dev.quell.http.ContentTypes;
import dev.quell.http.Envelope;
import dev.quell.http.ErrorCode;
import dev.quell.shard.Rejected;
import dev.quell.shard.ShardWriter;
import dev.quell.store.AlertQuery;
import dev.quell.store.AlertView;
import dev.quell.store.Catalog;
import dev.quell.store.ChannelSettingsJson;
import dev.quell.store.IncidentQuery;
import dev.quell.store.Page;
import dev.quell.store.RouteJson;
import dev.quell.store.SearchAfter;
import dev.quell.store.Store;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The Open API: {@code POST /<resource>/<action>?app_key=...} with a JSON body, answered in the envelope.
 * Reads go to the store on a worker thread, never on the event loop.
 */
public final class OpenApiRoutes {
    private static final Logger log = LoggerFactory.getLogger(OpenApiRoutes.class);
    private static final long MAX_LIST_SPAN_SECONDS = 31L * 24 * 3600;
    private static final int MAX_NAME = 255;

    private static final int MAX_BATCH_IDS = 100;
    private static final int MAX_NOTE = 1024;
    private static final int MAX_SNOOZE_MINUTES = 1440;
    /** Who the timeline names for actions taken through the Open API. */
    /** Who the timeline names for what came through the Open API. */
    private static final String API_ACTOR = "api";
    /** The incident timeline entries about one alert, which its feed shows too. */
    private static final java.util.Set<String> ALERT_ENTRY_TYPES = java.util.Set.of("a_merge", "a_m_silence",
            "a_m_inhibit");

    private final Store store;
    private final ShardWriter writer;
    private final Catalog catalog;
    private final Views views;
    private final Envelope envelope;
    private final ObjectMapper json;
    private final byte[] appKey;
    private final LongSupplier clock;
    private final SilenceRuleApi silenceRules;
    /** Every operation by its path, for {@link #call}. */
    private final Map<String, Function<Params, Object>> operations = new java.util.HashMap<>();

    public OpenApiRoutes(Store store, ShardWriter writer, Catalog catalog, Envelope envelope, ObjectMapper json,
                         String appKey, String publicUrl, LongSupplier clock) {
        this.store = store;
        this.writer = writer;
        this.catalog = catalog;
        this.views = new Views(catalog, publicUrl);
        this.silenceRules = new SilenceRuleApi(catalog, store, writer, clock);
        this.envelope = envelope;
        this.json = json;
        this.appKey = appKey.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** Deletes the quick silences that have expired; the server runs it every minute on a worker thread. */
    public void sweepExpiredQuickSilences() {
        silenceRules.sweepExpiredQuickSilences();
    }

    public void mount(Router router) {
        post(router, "/integration/create", this::createIntegration);
        post(router, "/integration/list", this::listIntegrations);
        post(router, "/integration/enable", p -> setIntegrationStatus(p, Integration.ENABLED));
        post(router, "/integration/disable", p -> setIntegrationStatus(p, Integration.DISABLED));
        post(router, "/integration/delete", this::deleteIntegration);
        post(router, "/channel/list", this::listChannels);
        post(router, "/channel/info", this::channelInfo);
        post(router, "/channel/create", this::createChannel);
        post(router, "/channel/update", this::updateChannel);
        post(router, "/channel/infos", this::channelInfos);
        post(router, "/channel/enable", p -> setChannelStatus(p, Channel.ENABLED));
        post(router, "/channel/disable", p -> setChannelStatus(p, Channel.DISABLED));
        post(router, "/channel/delete", p -> setChannelStatus(p, Channel.DELETED));
        DropRuleApi dropRules = new DropRuleApi(catalog, writer, clock);
        post(router, "/channel/unsubscribe/rule/create", dropRules::create);
        post(router, "/channel/unsubscribe/rule/update", dropRules::update);
        post(router, "/channel/unsubscribe/rule/enable", p -> dropRules.setStatus(p, ChannelRule.ENABLED));
        post(router, "/channel/unsubscribe/rule/disable", p -> dropRules.setStatus(p, ChannelRule.DISABLED));
        post(router, "/channel/unsubscribe/rule/delete", dropRules::delete);
        post(router, "/channel/unsubscribe/rule/list", p -> dropRules.list(p, writer.metrics()));
        post(router, "/channel/silence/rule/create", silenceRules::create);
        post(router, "/channel/silence/rule/update", silenceRules::update);
        post(router, "/channel/silence/rule/enable", p -> silenceRules.setStatus(p, ChannelRule.ENABLED));
        post(router, "/channel/silence/rule/disable", p -> silenceRules.setStatus(p, ChannelRule.DISABLED));
        post(router, "/channel/silence/rule/delete", silenceRules::delete);
        post(router, "/channel/silence/rule/list", p -> silenceRules.list(p, writer.metrics()));
        post(router, "/incident/quick-silence", silenceRules::quickSilence);
        InhibitRuleApi inhibitRules = new InhibitRuleApi(catalog, writer, clock);
        post(router, "/channel/inhibit/rule/create", inhibitRules::create);
        post(router, "/channel/inhibit/rule/update", inhibitRules::update);
        post(router, "/channel/inhibit/rule/enable", p -> inhibitRules.setStatus(p, ChannelRule.ENABLED));
        post(router, "/channel/inhibit/rule/disable", p -> inhibitRules.setStatus(p, ChannelRule.DISABLED));
        post(router, "/channel/inhibit/rule/delete", inhibitRules::delete);
        post(router, "/channel/inhibit/rule/list", p -> inhibitRules.list(p, writer.metrics()));
        PipelineApi pipelines = new PipelineApi(catalog, writer, clock);
        post(router, "/alert/pipeline/upsert", pipelines::upsert);
        post(router, "/alert/pipeline/info", pipelines::info);
        post(router, "/alert/pipeline/list", pipelines::list);
        EnrichmentApi enrichments = new EnrichmentApi(catalog, writer, clock);
        post(router, "/enrichment/upsert", enrichments::upsert);
        post(router, "/enrichment/info", enrichments::info);
        post(router, "/enrichment/list", enrichments::list);
        MappingApi mappings = new MappingApi(catalog, writer, clock);
        post(router, "/enrichment/mapping/schema/create", mappings::create);
        post(router, "/enrichment/mapping/schema/update", mappings::update);
        post(router, "/enrichment/mapping/schema/delete", mappings::delete);
        post(router, "/enrichment/mapping/schema/info", mappings::info);
        post(router, "/enrichment/mapping/schema/list", mappings::list);
        post(router, "/enrichment/mapping/data/upsert", mappings::upsertRows);
        post(router, "/route/upsert", this::upsertRoute);
        post(router, "/route/info", this::routeInfo);
        post(router, "/route/list", p -> Map.of("items", p.longList("integration_ids").stream()
                .filter(id -> catalog.route(id).isPresent()).map(id -> (Object) routeView(id)).toList()));
        post(router, "/alert/list", this::listAlerts);
        post(router, "/alert/info", this::alertInfo);
        post(router, "/alert/list-by-ids", this::alertsByIds);
        post(router, "/alert/event/list", this::alertEvents);
        post(router, "/alert/feed", this::alertFeed);
        post(router, "/alert/merge", this::mergeAlerts);
        post(router, "/incident/list", this::listIncidents);
        post(router, "/incident/info", this::incidentInfo);
        post(router, "/incident/list-by-ids", this::incidentsByIds);
        post(router, "/incident/alert/list", this::incidentAlerts);
        post(router, "/incident/ack", p -> act(p, IncidentAction.Kind.ACK, Map.of()));
        post(router, "/incident/unack", p -> act(p, IncidentAction.Kind.UNACK, Map.of()));
        post(router, "/incident/resolve", p -> act(p, IncidentAction.Kind.RESOLVE,
                notes(p, "root_cause", "resolution")));
        post(router, "/incident/reopen", p -> act(p, IncidentAction.Kind.REOPEN, notes(p, "reason")));
        post(router, "/incident/comment", p -> act(p, IncidentAction.Kind.COMMENT, comment(p)));
        post(router, "/incident/snooze", p -> act(p, IncidentAction.Kind.SNOOZE, snoozeMinutes(p)));
        post(router, "/incident/wake", p -> act(p, IncidentAction.Kind.WAKE, Map.of()));
        post(router, "/incident/reset", this::reset);
        post(router, "/incident/remove", p -> act(p, IncidentAction.Kind.REMOVE, Map.of()));
        post(router, "/incident/feed", this::incidentFeed);
        post(router, "/incident/create", this::createIncident);
        post(router, "/incident/merge", this::mergeIncidents);
    }

    private void post(Router router, String path, Function<Params, Object> action) {
        operations.put(path, action);
        router.route(HttpMethod.POST, path)
                .handler((PlatformHandler) this::authenticate)
                .handler(BodyHandler.create(false).setBodyLimit(1024 * 1024))
                .handler(ctx -> {
                    Params params = params(ctx);
                    ctx.vertx().executeBlocking(() -> action.apply(params), false).onComplete(done -> {
                        if (done.succeeded()) {
                            envelope.ok(ctx, done.result());
                        } else if (done.cause() instanceof ApiError error) {
                            envelope.error(ctx, error);
                        } else {
                            log.error("{} failed [{}]", path, Envelope.requestId(ctx), done.cause());
                            envelope.error(ctx, ErrorCode.InternalError, "internal error; quote request_id "
                                    + Envelope.requestId(ctx) + " when reporting it");
                        }
                    });
                });
    }

    /**
     * Runs an Open API operation for another edge (the web console) with the same validation and effects as over
     * HTTP, naming {@code actor} in the timeline. Blocks until the writer commits: call it from a worker thread.
     * Refusals are thrown as {@link ApiError}s with the message the API would answer.
     */
    public Object call(String path, JsonNode body, String actor) {
        Function<Params, Object> operation = operations.get(path);
        if (operation == null) {
            throw new IllegalArgumentException("no Open API operation " + path + " (mount() first)");
        }
        return operation.apply(new Params(body, actor));
    }

    private void authenticate(RoutingContext ctx) {
        String given = ctx.request().getParam("app_key");
        if (given == null || !MessageDigest.isEqual(appKey, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(ErrorCode.Unauthorized, given == null ? "app_key is required" : "app_key is not valid");
        }
        ctx.next();
    }

    private Params params(RoutingContext ctx) {
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (body.length == 0) {
            return new Params(json.createObjectNode(), API_ACTOR);
        }
        if (!ContentTypes.isJson(ctx.request().getHeader("Content-Type"))) {
            throw new ApiError(ErrorCode.InvalidContentType, "Content-Type must be application/json");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.invalid("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiError.invalid("request body could not be read as JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiError.invalid("request body must be a JSON object");
        }
        return new Params(root, API_ACTOR);
    }

    // ---------------------------------------------------------------- integrations and channels

    private Object createIntegration(Params p) {
        String name = p.requiredString("integration_name");
        if (name.length() > MAX_NAME) {
            throw ApiError.invalid("integration_name must be at most " + MAX_NAME + " characters");
        }
        Long channelId = p.optionalLong("channel_id");
        long channel;
        if (channelId != null && channelId == 0) {
            channel = 0;
        } else if (channelId == null) {
            channel = catalog.channels().stream().findFirst().map(Channel::channelId)
                    .orElseThrow(() -> ApiError.invalid("channel_id is required: no channel exists yet"));
        } else {
            channel = catalog.channel(channelId).map(Channel::channelId)
                    .orElseThrow(() -> ApiError.invalid("channel_id " + channelId + " does not exist"));
        }
        Integer perSecond = null;
        Integer perMinute = null;
        JsonNode rate = p.object("rate_limit");
        if (rate != null) {
            Params limits = new Params(rate, "rate_limit.", p.actor());
            perSecond = rateField(limits, "per_second");
            perMinute = rateField(limits, "per_minute");
        }
        Integration integration = catalog.createIntegration(name, channel, perSecond, perMinute, clock.getAsLong());
        log.info("created integration {} ({}) in channel {}", integration.integrationId(), name, channel);
        return views.integration(integration, 0);
    }

    private static Integer rateField(Params limits, String field) {
        Long value = limits.optionalLong(field);
        if (value == null) {
            return null;
        }
        if (value < 0 || value > 1_000_000) {
            throw ApiError.invalid("rate_limit." + field + " must be between 0 (unlimited) and 1000000 (got " + value + ")");
        }
        return value.intValue();
    }

    /** A disabled integration's pushes are refused with 403 AccessDenied until it is enabled again. */
    private Object setIntegrationStatus(Params p, String status) {
        long id = liveIntegration(p).integrationId();
        Integration integration = catalog.setIntegrationStatus(id, status, clock.getAsLong());
        log.info("integration {} is now {}", id, status);
        return views.integration(integration, store.integrationLastEventTimes().getOrDefault(id, 0L));
    }

    /**
     * {@code /integration/delete}: its key is refused from now on as an unknown one would be (400), and it leaves
     * the lists; its alerts and incidents stay. Deleting is final: a deleted integration cannot be enabled again.
     */
    private Object deleteIntegration(Params p) {
        long id = liveIntegration(p).integrationId();
        catalog.setIntegrationStatus(id, Integration.DELETED, clock.getAsLong());
        log.info("integration {} is now {}", id, Integration.DELETED);
        return Map.of();
    }

    /** The request's {@code integration_id}, which must name an integration that is not deleted. */
    private Integration liveIntegration(Params p) {
        return liveIntegration(catalog, p.requiredLong("integration_id"));
    }

    /** The integration with this id, refused when there is none or it is deleted. */
    static Integration liveIntegration(Catalog catalog, long id) {
        Integration integration = catalog.integration(id)
                .orElseThrow(() -> ApiError.invalid("integration_id " + id + " does not exist"));
        if (integration.isDeleted()) {
            throw ApiError.invalid("integration_id " + id + " is deleted");
        }
        return integration;
    }

    /** Where the integration's events are pushed, as the Open API shows it ({@code push_url}). */
    public String pushUrl(Integration integration) {
        return views.pushUrl(integration);
    }

    private Object listIntegrations(Params p) {
        int page = p.intInRange("p", 1, 1, Integer.MAX_VALUE);
        int limit = p.intInRange("limit", 20, 1, 100);
        List<Long> channelIds = p.longList("channel_ids");
        List<Integration> all = catalog.integrations().stream()
                .filter(i -> !i.isDeleted())
                .filter(i -> channelIds.isEmpty() || channelIds.contains(i.channelId())).toList();
        Map<Long, Long> lastEvents = store.integrationLastEventTimes();
        return pageOf(all, page, limit, i -> views.integration(i, lastEvents.getOrDefault(i.integrationId(), 0L)));
    }

    private Object listChannels(Params p) {
        int page = p.intInRange("p", 1, 1, Integer.MAX_VALUE);
        int limit = p.intInRange("limit", 100, 1, 100);
        List<Long> ids = p.longList("channel_ids");
        String exactName = p.optionalString("channel_name");
        String query = p.optionalString("query");
        List<Channel> all = catalog.channels().stream()
                .filter(c -> !c.status().equals(Channel.DELETED))
                .filter(c -> ids.isEmpty() || ids.contains(c.channelId()))
                .filter(c -> exactName == null || exactName.isEmpty() || c.channelName().equals(exactName))
                .filter(c -> query == null || query.isEmpty() || c.channelName().contains(query)
                        || c.description().contains(query))
                .toList();
        return pageOf(all, page, limit, views::channel);
    }

    private static <T> Map<String, Object> pageOf(List<T> all, int page, int limit, Function<T, Object> view) {
        long from = Math.min((long) (page - 1) * limit, all.size());
        long to = Math.min(from + limit, all.size());
        List<Object> items = all.subList((int) from, (int) to).stream().map(view).toList();
        return Views.page(items, all.size(), to < all.size());
    }

    /**
     * {@code /channel/create}: a name (1-59 characters), a description (up to 500), how its incidents close, how
     * alerts group ({@code group}) and flapping detection ({@code flapping}).
     */
    private Object createChannel(Params p) {
        long now = clock.getAsLong();
        Channel channel = catalog.createChannel(channelSettings(p, Channel.newChannel("", "", now), true, now));
        await(writer.submit(channel));
        log.info("created channel {} ({})", channel.channelId(), channel.channelName());
        return Map.of("channel_id", channel.channelId(), "channel_name", channel.channelName());
    }

    /** {@code /channel/update}: only the fields given change. */
    private Object updateChannel(Params p) {
        long id = p.requiredLong("channel_id");
        Channel current = catalog.channel(id).orElseThrow(() -> ApiError.invalid("channel_id " + id + " does not exist"));
        // The engine applies channel settings in order with events, so the writer is told once they are stored.
        await(writer.submit(catalog.updateChannel(channelSettings(p, current, false, clock.getAsLong()))));
        return Map.of();
    }

    private static Channel channelSettings(Params p, Channel base, boolean nameRequired, long now) {
        String name = nameRequired ? p.requiredString("channel_name") : p.optionalString("channel_name");
        name = name == null ? base.channelName() : name.trim();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 59) {
            throw ApiError.invalid("channel_name must be 1 to 59 characters");
        }
        String description = p.optionalString("description");
        description = description == null ? base.description() : description;
        if (description.codePointCount(0, description.length()) > 500) {
            throw ApiError.invalid("description must be at most 500 characters");
        }
        Long timeout = p.optionalLong("auto_resolve_timeout");
        if (timeout != null && (timeout < 0 || timeout > Channel.MAX_AUTO_RESOLVE_TIMEOUT)) {
            throw ApiError.invalid("auto_resolve_timeout must be 0 (off) to " + Channel.MAX_AUTO_RESOLVE_TIMEOUT
                    + " seconds (30 days) (got " + timeout + ")");
        }
        String mode = p.optionalString("auto_resolve_mode");
        if (mode != null && !mode.equals("trigger") && !mode.equals("update")) {
            throw ApiError.invalid("auto_resolve_mode must be trigger or update (got \"" + mode + "\")");
        }
        Boolean disableAutoClose = p.optionalBoolean("disable_auto_close");
        Grouping grouping = base.grouping();
        Flapping flapping = base.flapping();
        try {
            JsonNode group = p.object("group");
            grouping = group == null ? grouping : ChannelSettingsJson.grouping(group);
            JsonNode flappingNode = p.object("flapping");
            flapping = flappingNode == null ? flapping : ChannelSettingsJson.flapping(flappingNode);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
        return new Channel(base.channelId(), name, description, base.status(),
                timeout == null ? base.autoResolveTimeout() : timeout,
                mode == null ? base.autoResolveMode() : Channel.AutoResolveMode.valueOf(mode),
                disableAutoClose == null ? base.disableAutoClose() : disableAutoClose, grouping, flapping,
                base.createdAt(), now);
    }

    /** {@code /channel/infos}: the short form of up to 1,000 channels; unknown and deleted ids are left out. */
    private Object channelInfos(Params p) {
        List<Long> ids = p.longList("channel_ids");
        if (ids.isEmpty() || ids.size() > 1000) {
            throw ApiError.invalid("channel_ids must list 1 to 1000 channel ids (got " + ids.size() + ")");
        }
        List<Object> items = new ArrayList<>();
        for (long id : new java.util.LinkedHashSet<>(ids)) {
            catalog.channel(id).filter(c -> !c.status().equals(Channel.DELETED)).ifPresent(c -> items.add(
                    Map.of("channel_id", c.channelId(), "channel_name", c.channelName(), "status", c.status())));
        }
        return Map.of("items", items);
    }

    /**
     * {@code /channel/enable|disable|delete}. A disabled or deleted channel's integrations are refused pushes (403);
     * a deleted channel leaves the lists but its incidents stay. Deleting is final: a deleted channel cannot be
     * enabled again.
     */
    private Object setChannelStatus(Params p, String status) {
        long id = p.requiredLong("channel_id");
        Channel current = catalog.channel(id).orElseThrow(() -> ApiError.invalid("channel_id " + id + " does not exist"));
        if (current.status().equals(Channel.DELETED)) {
            throw ApiError.invalid("channel_id " + id + " is deleted");
        }
        if (!current.status().equals(status)) {
            await(writer.submit(catalog.updateChannel(current.withStatus(status, clock.getAsLong()))));
            log.info("channel {} is now {}", id, status);
        }
        return Map.of();
    }

    private Object channelInfo(Params p) {
        long id = p.requiredLong("channel_id");
        return views.channel(catalog.channel(id)
                .orElseThrow(() -> ApiError.invalid("channel_id " + id + " does not exist")));
    }

    // ---------------------------------------------------------------- alerts

    private Object listAlerts(Params p) {
        long[] range = timeRange(p);
        String orderBy = p.optionalString("orderby");
        if (orderBy != null && !orderBy.isEmpty() && !orderBy.equals("created_at") && !orderBy.equals("updated_at")) {
            throw ApiError.invalid("orderby must be created_at or updated_at (got \"" + orderBy + "\")");
        }
        AlertQuery query = new AlertQuery(range[0], range[1], p.optionalBoolean("is_active"),
                p.optionalBoolean("ever_muted"), p.enumSet("alert_severity", Severity.class),
                p.longList("channel_ids"), p.longList("integration_ids"), p.stringList("alert_ids"),
                p.stringList("alert_keys"), "updated_at".equals(orderBy), Boolean.TRUE.equals(p.optionalBoolean("asc")),
                Boolean.TRUE.equals(p.optionalBoolean("by_updated_at")), searchAfter(p),
                p.intInRange("p", 1, 1, Integer.MAX_VALUE), p.intInRange("limit", 20, 1, 100));
        Page<AlertView> page = store.alerts(query);
        return cursorPage(page, views::alert);
    }

    private Object alertInfo(Params p) {
        String id = p.requiredString("alert_id");
        Params.requireObjectId("alert_id", id);
        return views.alert(store.alert(id).orElseThrow(() -> ApiError.invalid("alert_id " + id + " does not exist")));
    }

    /** Up to 100 ids, each a 24-hex ObjectID; in the order given, each once. */
    private static List<String> idList(Params p, String field) {
        List<String> ids = p.stringList(field);
        if (ids.isEmpty() || ids.size() > MAX_BATCH_IDS) {
            throw ApiError.invalid(field + " must hold 1 to " + MAX_BATCH_IDS + " ids (got " + ids.size() + ")");
        }
        ids.forEach(id -> Params.requireObjectId(field + "[]", id));
        return List.copyOf(new java.util.LinkedHashSet<>(ids));
    }

    /** {@code /alert/list-by-ids}: the alerts found, in the order asked; unknown ids are left out. */
    private Object alertsByIds(Params p) {
        List<String> ids = idList(p, "alert_ids");
        Map<String, AlertView> found = new java.util.HashMap<>();
        store.alertsById(ids).forEach(view -> found.put(view.alert().alertId(), view));
        List<Object> items = ids.stream().filter(found::containsKey).map(id -> (Object) views.alert(found.get(id)))
                .toList();
        return Views.page(items, items.size(), false);
    }

    /** {@code /incident/list-by-ids}: the incidents found, in the order asked; unknown ids are left out. */
    private Object incidentsByIds(Params p) {
        List<String> ids = idList(p, "incident_ids");
        Map<String, Incident> found = store.incidentsById(ids);
        List<Object> items = ids.stream().filter(found::containsKey).map(id -> (Object) views.incident(found.get(id)))
                .toList();
        return Views.page(items, items.size(), false);
    }

    /**
     * {@code /alert/feed}: the alert's life read from its stored events: {@code a_new} for the first, {@code a_update}
     * for a later trigger that changed it, {@code a_close} for its recovery, or for its closing with its incident.
     * Grouping's and people's moves of the alert into an incident show as {@code a_merge}, with why, and a silence or
     * inhibit rule that marked it as {@code a_m_silence} or {@code a_m_inhibit}, naming the rule.
     */
    private Object alertFeed(Params p) {
        String id = p.requiredString("alert_id");
        Params.requireObjectId("alert_id", id);
        AlertView view = store.alert(id).orElseThrow(() -> ApiError.invalid("alert_id " + id + " does not exist"));
        List<StoredEvent> events = new ArrayList<>(store.alertEvents(id));
        java.util.Collections.reverse(events);
        List<Map<String, Object>> feed = new ArrayList<>();
        boolean closedByEvent = false;
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(i);
            String type = i == 0 ? "a_new" : event.status().isTrigger() ? "a_update" : "a_close";
            closedByEvent |= type.equals("a_close");
            Map<String, String> detail = new java.util.LinkedHashMap<>();
            if (event.status().isTrigger()) {
                detail.put("severity", event.status().name());
                detail.put("status", event.status().name());
            }
            if (!event.rewrites().isEmpty()) {
                detail.put("rewrites", String.join("; ", event.rewrites()));
            }
            feed.add(Views.feedItem(id, type, detail, event.createdAt()));
        }
        for (TimelineEntry entry : store.incidentTimeline(view.alert().incidentId())) {
            if (ALERT_ENTRY_TYPES.contains(entry.type()) && id.equals(entry.detail().get("alert_id"))) {
                Map<String, String> detail = new java.util.LinkedHashMap<>(entry.detail());
                detail.put("incident_id", entry.incidentId());
                feed.add(Views.feedItem(id, entry.type(), detail, entry.createdAt()));
            }
        }
        if (!view.alert().isActive() && !closedByEvent) {
            feed.add(Views.feedItem(id, "a_close", Map.of(), view.alert().closeTime()));
        }
        feed.sort(java.util.Comparator.comparingLong(item -> ((Number) item.get("created_at")).longValue()));
        return feedPage(p, feed, item -> item);
    }

    /** A feed page: oldest first unless {@code asc} is false; feeds answer no total. */
    private static <T> Map<String, Object> feedPage(Params p, List<T> oldestFirst, Function<T, Object> view) {
        List<T> entries = new ArrayList<>(oldestFirst);
        if (Boolean.FALSE.equals(p.optionalBoolean("asc"))) {
            java.util.Collections.reverse(entries);
        }
        Map<String, Object> out = pageOf(entries, p.intInRange("p", 1, 1, Integer.MAX_VALUE),
                p.intInRange("limit", 20, 1, 100), view);
        out.remove("total");
        return out;
    }

    private Object alertEvents(Params p) {
        String id = p.requiredString("alert_id");
        Params.requireObjectId("alert_id", id);
        if (store.alert(id).isEmpty()) {
            throw ApiError.invalid("alert_id " + id + " does not exist");
        }
        return Map.of("items", store.alertEvents(id).stream().map(views::event).toList());
    }

    // ---------------------------------------------------------------- incidents

    private Object listIncidents(Params p) {
        long[] range = timeRange(p);
        IncidentQuery query = new IncidentQuery(range[0], range[1], Boolean.TRUE.equals(p.optionalBoolean("asc")),
                p.enumSet("progress", Progress.class), p.enumSet("incident_severity", Severity.class),
                p.longList("channel_ids"), p.stringList("incident_ids"), p.optionalBoolean("ever_muted"),
                p.optionalString("query"), searchAfter(p), p.intInRange("p", 1, 1, Integer.MAX_VALUE),
                p.intInRange("limit", 20, 1, 100));
        return cursorPage(store.incidents(query), views::incident);
    }

    private Object incidentInfo(Params p) {
        String id = p.requiredString("incident_id");
        Params.requireObjectId("incident_id", id);
        return views.incident(store.incident(id)
                .orElseThrow(() -> ApiError.invalid("incident_id " + id + " does not exist")));
    }

    private Object incidentAlerts(Params p) {
        String id = p.requiredString("incident_id");
        Params.requireObjectId("incident_id", id);
        if (store.incident(id).isEmpty()) {
            throw ApiError.invalid("incident_id " + id + " does not exist");
        }
        Page<AlertView> page = store.incidentAlerts(id, p.optionalBoolean("is_active"),
                p.intInRange("p", 1, 1, Integer.MAX_VALUE), p.intInRange("limit", 1000, 1, 1000));
        return Views.page(page.items().stream().map(views::alert).toList(), page.total(), page.hasNextPage());
    }

    // ---------------------------------------------------------------- incident actions

    /**
     * Hands the action to the shard writer (so it is ordered with events) and waits for it to commit. It runs on a
     * worker thread, where waiting is allowed.
     */
    private Object act(Params p, IncidentAction.Kind kind, Map<String, String> detail) {
        return submit(new IncidentAction(kind, idList(p, "incident_ids"), p.actor(), detail));
    }

    private Object submit(IncidentAction action) {
        await(writer.submit(action));
        return Map.of();
    }

    /**
     * Waits (on a worker thread) for the writer to commit; its refusals become the caller's errors, anything else
     * stays an internal error.
     */
    static <T> T await(java.util.concurrent.CompletableFuture<T> committed) {
        try {
            return committed.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UnknownIncident || e.getCause() instanceof UnknownAlert
                    || e.getCause() instanceof ActionRefused) {
                throw ApiError.invalid(e.getCause().getMessage());
            }
            if (e.getCause() instanceof Rejected rejected) {
                throw rejected.reason() == Rejected.Reason.QUEUE_FULL
                        ? new ApiError(ErrorCode.RequestTooFrequently, "Quell is at capacity; retry after 1s", 1)
                        : new ApiError(ErrorCode.ServiceUnavailable, "Quell is shutting down; retry later");
            }
            throw e;
        }
    }

    private static Map<String, String> snoozeMinutes(Params p) {
        long minutes = p.requiredLong("minutes");
        if (minutes < 1 || minutes > MAX_SNOOZE_MINUTES) {
            throw ApiError.invalid("minutes must be between 1 and " + MAX_SNOOZE_MINUTES + " (got " + minutes + ")");
        }
        return Map.of("minutes", Long.toString(minutes));
    }

    /** {@code /incident/merge}: the sources' alerts move to the target, and the sources close. */
    private Object mergeIncidents(Params p) {
        String target = p.requiredString("target_incident_id");
        Params.requireObjectId("target_incident_id", target);
        List<String> sources = idList(p, "source_incident_ids");
        String title = newTitle(p);
        String comment = notes(p, "comment").get("comment");
        await(writer.submit(new IncidentMerge(target, sources, title, comment, p.actor())));
        return Map.of();
    }

    /**
     * {@code /route/upsert}: where a shared integration's events go ({@code cases}, {@code default}); replaces the
     * route it had. Every channel named must exist.
     */
    private Object upsertRoute(Params p) {
        Integration integration = sharedIntegration(p);
        long now = clock.getAsLong();
        Route route;
        try {
            JsonNode defaults = p.object("default");
            route = new Route(integration.integrationId(), RouteJson.cases(p.raw("cases")),
                    defaults == null ? List.of() : RouteJson.channelIds(defaults.get("channel_ids"),
                            "default.channel_ids"),
                    catalog.route(integration.integrationId()).map(Route::createdAt).orElse(now), now);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
        java.util.stream.Stream.concat(route.cases().stream().flatMap(c -> c.channelIds().stream()),
                route.defaultChannels().stream()).forEach(id -> {
            if (catalog.channel(id).isEmpty()) {
                throw ApiError.invalid("channel_id " + id + " in the route does not exist");
            }
        });
        catalog.saveRoute(route);
        return Map.of();
    }

    private Object routeInfo(Params p) {
        return routeView(sharedIntegration(p).integrationId());
    }

    private Map<String, Object> routeView(long integrationId) {
        Route route = catalog.route(integrationId).orElse(null);
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("integration_id", integrationId);
        out.put("cases", route == null ? List.of() : RouteJson.casesJson(route.cases()));
        out.put("default", Map.of("channel_ids", route == null ? List.of() : route.defaultChannels()));
        out.put("created_at", route == null ? 0 : route.createdAt());
        out.put("updated_at", route == null ? 0 : route.updatedAt());
        return out;
    }

    private Integration sharedIntegration(Params p) {
        Integration integration = liveIntegration(p);
        long id = integration.integrationId();
        if (!integration.isShared()) {
            throw ApiError.invalid("integration " + id + " belongs to channel " + integration.channelId()
                    + "; only a shared integration (created with channel_id 0) has a route");
        }
        return integration;
    }

    /** A merge's optional new {@code title} for its target: 1 to 512 characters, or null to keep the title. */
    private static String newTitle(Params p) {
        String title = p.optionalString("title");
        if (title != null && (title.isBlank() || title.codePointCount(0, title.length()) > 512)) {
            throw ApiError.invalid("title must be 1 to 512 characters");
        }
        return title;
    }

    /** {@code /alert/merge}: moves alerts into an open incident. */
    private Object mergeAlerts(Params p) {
        String target = p.requiredString("incident_id");
        Params.requireObjectId("incident_id", target);
        List<String> alertIds = idList(p, "alert_ids");
        String title = newTitle(p);
        String comment = notes(p, "comment").get("comment");
        await(writer.submit(new AlertMerge(alertIds, target, title, comment, p.actor())));
        return Map.of();
    }

    /** {@code /incident/create}: an incident opened by hand, standalone or in a channel. */
    private Object createIncident(Params p) {
        String severity = p.optionalString("incident_severity");
        if (severity == null || !List.of("Critical", "Warning", "Info").contains(severity)) {
            throw ApiError.invalid("incident_severity is required: Critical, Warning or Info");
        }
        String title = p.optionalString("title");
        title = title == null || title.isBlank() ? "Manual incident" : title;
        if (title.codePointCount(0, title.length()) > 512) {
            throw ApiError.invalid("title must be at most 512 characters");
        }
        String description = p.optionalString("description");
        description = description == null ? "" : description;
        if (description.codePointCount(0, description.length()) > MAX_NOTE) {
            throw ApiError.invalid("description must be at most " + MAX_NOTE + " characters");
        }
        Long channelId = p.optionalLong("channel_id");
        if (channelId != null && channelId != 0 && catalog.channel(channelId).isEmpty()) {
            throw ApiError.invalid("channel_id " + channelId + " does not exist");
        }
        ManualIncident manual = new ManualIncident(channelId == null ? 0 : channelId, title, description,
                Severity.valueOf(severity), p.actor());
        Incident created = await(writer.submit(manual)).created().get(0);
        return Map.of("incident_id", created.incidentId(), "title", created.title());
    }

    /** {@code /incident/reset}: edits one incident's fields; at least one must be given. */
    private Object reset(Params p) {
        String id = p.requiredString("incident_id");
        Params.requireObjectId("incident_id", id);
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        editable(p, "title", 3, 200, fields);
        editable(p, "description", 3, 6144, fields);
        editable(p, "root_cause", 3, 6144, fields);
        editable(p, "resolution", 3, 6144, fields);
        String severity = p.optionalString("incident_severity");
        if (severity != null) {
            if (!List.of("Critical", "Warning", "Info").contains(severity)) {
                throw ApiError.invalid("incident_severity must be Critical, Warning or Info (got \"" + severity + "\")");
            }
            fields.put("incident_severity", severity);
        }
        if (fields.isEmpty()) {
            throw ApiError.invalid("give at least one of title, description, incident_severity, root_cause, resolution");
        }
        return submit(new IncidentAction(IncidentAction.Kind.RESET, List.of(id), p.actor(), fields));
    }

    private static void editable(Params p, String field, int min, int max, Map<String, String> into) {
        String value = p.optionalString(field);
        if (value == null) {
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw ApiError.invalid(field + " must be " + min + " to " + max + " characters (got " + length + ")");
        }
        into.put(field, value);
    }

    /** Optional notes kept with the action, each at most 1,024 characters. */
    private static Map<String, String> notes(Params p, String... fields) {
        Map<String, String> notes = new java.util.LinkedHashMap<>();
        for (String field : fields) {
            String value = p.optionalString(field);
            if (value != null) {
                if (value.codePointCount(0, value.length()) > MAX_NOTE) {
                    throw ApiError.invalid(field + " must be at most " + MAX_NOTE + " characters");
                }
                notes.put(field, value);
            }
        }
        return notes;
    }

    private static Map<String, String> comment(Params p) {
        Map<String, String> comment = notes(p, "comment");
        if (comment.getOrDefault("comment", "").isBlank()) {
            throw ApiError.invalid("comment is required");
        }
        return comment;
    }

    /**
     * The incident's timeline: its opening ({@code i_new}, from the incident itself) and the entries actions wrote,
     * oldest first unless {@code asc} is false.
     */
    private Object incidentFeed(Params p) {
        String id = p.requiredString("incident_id");
        Params.requireObjectId("incident_id", id);
        Incident incident = store.incident(id)
                .orElseThrow(() -> ApiError.invalid("incident_id " + id + " does not exist"));
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(TimelineEntry.opening(incident));
        entries.addAll(store.incidentTimeline(id));
        return feedPage(p, entries, Views::timelineEntry);
    }

    /** The cursor a previous page returned, if the request gives one. */
    private static SearchAfter searchAfter(Params p) {
        String given = p.optionalString("search_after_ctx");
        if (given == null || given.isEmpty()) {
            return null;
        }
        SearchAfter cursor = SearchAfter.fromWire(given);
        if (cursor == null) {
            throw ApiError.invalid("search_after_ctx is not one this server returned (pass the previous page's value)");
        }
        return cursor;
    }

    /** A list page with {@code search_after_ctx}: where the next page starts, empty on the last page. */
    private static <T> Map<String, Object> cursorPage(Page<T> page, Function<T, Map<String, Object>> view) {
        Map<String, Object> out = Views.page(page.items().stream().map(view).toList(), page.total(),
                page.hasNextPage());
        out.put("search_after_ctx", page.next() == null ? "" : page.next().toWire());
        return out;
    }

    /** {@code start_time} and {@code end_time} are required, in order, and at most 31 days apart. */
    private static long[] timeRange(Params p) {
        long start = p.requiredLong("start_time");
        long end = p.requiredLong("end_time");
        if (start < 0 || end <= start) {
            throw ApiError.invalid("end_time must be greater than start_time, both non-negative Unix seconds");
        }
        if (end - start > MAX_LIST_SPAN_SECONDS) {
            throw ApiError.invalid("end_time - start_time must be at most 31 days (" + MAX_LIST_SPAN_SECONDS + " seconds)");
        }
        return new long[] {start, end};
    }
}
