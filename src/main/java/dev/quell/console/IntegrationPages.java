package dev.quell.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quell.api.OpenApiRoutes;
import dev.quell.engine.AlertPipeline;
import dev.quell.engine.Channel;
import dev.quell.engine.EnrichRule;
import dev.quell.engine.Enrichment;
import dev.quell.engine.Integration;
import dev.quell.engine.MappingTable;
import dev.quell.engine.PipelineRule;
import dev.quell.engine.Route;
import dev.quell.http.ApiError;
import dev.quell.store.Catalog;
import dev.quell.store.EnrichmentJson;
import dev.quell.store.PipelineJson;
import dev.quell.store.RouteJson;
import dev.quell.store.Store;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The integrations page (every integration, and a form to create one) and an integration's page: where to push and
 * a ready {@code curl} example, its rate limit, when it last received an event, enabling, disabling and deleting
 * it, and what it does to its events (alert pipeline, label enhancement, and for a shared one its route), in words
 * and as the Open API's JSON to edit. Changes go through the Open API's own operations.
 */
public final class IntegrationPages {
    private static final int MAX_ID_DIGITS = 18;
    /** The standard event of the push API's reference, as the {@code curl} example sends it. */
    private static final String EXAMPLE_EVENT = """
            {
              "event_status": "Warning",
              "alert_key": "64f6b9df2007be4b0bfe56f6",
              "description": "cpu idle low than 20%",
              "title_rule": "$cluster::$resource::$check",
              "labels": {
                "resource": "es.nj.01",
                "check": "cpu.idle<20%",
                "service": "engine",
                "cluster": "nj",
                "metric": "node_cpu_seconds_total"
              }
            }""";

    private final Store store;
    private final Catalog catalog;
    private final OpenApiRoutes operations;
    private final Templates templates;
    private final ObjectMapper json;
    private final LongSupplier clock;
    private final int defaultPerSecond;
    private final int defaultPerMinute;

    /** {@code defaultPerSecond} and {@code defaultPerMinute}: the server's rate limits, 0 for unlimited. */
    public IntegrationPages(Store store, Catalog catalog, OpenApiRoutes operations, Templates templates,
                            ObjectMapper json, LongSupplier clock, int defaultPerSecond, int defaultPerMinute) {
        this.store = store;
        this.catalog = catalog;
        this.operations = operations;
        this.templates = templates;
        this.json = json;
        this.clock = clock;
        this.defaultPerSecond = defaultPerSecond;
        this.defaultPerMinute = defaultPerMinute;
    }

    public void mount(ConsoleRoutes routes, Router router) {
        routes.page(router, "/integrations", request -> Reply.html(templates.render("integrations.jte",
                integrationsPage(request))));
        routes.page(router, "/integrations/:id", request -> Reply.html(templates.render("integration.jte",
                integrationPage(request))));
        routes.action(router, "/integrations/create", this::create);
        routes.action(router, "/integrations/:id/enable", request -> act(request, "/integration/enable",
                idBody(request), "Enabled: its pushes are accepted again.", "Not enabled: "));
        routes.action(router, "/integrations/:id/disable", request -> act(request, "/integration/disable",
                idBody(request), "Disabled: its pushes are refused (403) until it is enabled again.",
                "Not disabled: "));
        routes.action(router, "/integrations/:id/delete", this::delete);
        routes.action(router, "/integrations/:id/pipeline", request -> upsert(request, "/alert/pipeline/upsert",
                "rules", "Alert pipeline saved."));
        routes.action(router, "/integrations/:id/enrichment", request -> upsert(request, "/enrichment/upsert",
                "rules", "Label enhancement saved."));
        routes.action(router, "/integrations/:id/route", request -> upsert(request, "/route/upsert", "route",
                "Route saved."));
    }

    // ---------------------------------------------------------------- the integrations page

    public record IntegrationRow(long integrationId, String name, String channel, String status, String lastEvent) {
    }

    public record IntegrationsPage(Chrome chrome, List<IntegrationRow> integrations, List<ChannelOption> channels,
                                   String defaultLimits) {
    }

    private IntegrationsPage integrationsPage(ConsoleRequest request) {
        long now = clock.getAsLong();
        Map<Long, Long> lastEvents = store.integrationLastEventTimes();
        List<IntegrationRow> rows = catalog.integrations().stream().filter(i -> !i.isDeleted())
                .map(i -> new IntegrationRow(i.integrationId(), i.integrationName(), channelOf(i), i.status(),
                        lastEvent(lastEvents.get(i.integrationId()), now))).toList();
        List<ChannelOption> channels = ChannelOption.of(catalog.channels().stream()
                .filter(c -> !c.status().equals(Channel.DELETED)));
        return new IntegrationsPage(request.chrome("integrations"), rows, channels,
                limit(defaultPerSecond, "second") + " and " + limit(defaultPerMinute, "minute"));
    }

    // ---------------------------------------------------------------- one integration

    public record IntegrationPage(Chrome chrome, Integration integration, String channel, String pushUrl,
                                  String curl, String rateLimit, String lastEvent, String created,
                                  List<String> pipeline, String pipelineJson, List<String> enrichment,
                                  String enrichmentJson, List<String> route, String routeJson) {
        public boolean enabled() {
            return integration.isEnabled();
        }

        public boolean shared() {
            return integration.isShared();
        }
    }

    private IntegrationPage integrationPage(ConsoleRequest request) throws JsonProcessingException {
        Integration integration = integration(request);
        long id = integration.integrationId();
        String pushUrl = operations.pushUrl(integration);
        List<PipelineRule> pipeline = catalog.pipeline(id).map(AlertPipeline::rules).orElse(List.of());
        List<EnrichRule> enrichment = catalog.enrichment(id).map(Enrichment::rules).orElse(List.of());
        Route route = catalog.route(id).orElse(null);
        ObjectNode routeJson = json.createObjectNode();
        routeJson.set("cases", RouteJson.casesJson(route == null ? List.of() : route.cases()));
        routeJson.putObject("default").set("channel_ids",
                RouteJson.channelsJson(route == null ? List.of() : route.defaultChannels()));
        return new IntegrationPage(request.chrome("integrations"), integration, channelOf(integration), pushUrl,
                curl(pushUrl), rateLimit(integration),
                lastEvent(store.integrationLastEventTimes().get(id), clock.getAsLong()),
                Formats.time(integration.createdAt()),
                pipeline.stream().map(IntegrationRuleWords::pipelineStep).toList(),
                pretty(PipelineJson.toJson(pipeline)),
                enrichment.stream().map(rule -> IntegrationRuleWords.enrichmentStep(rule, this::tableName)).toList(),
                pretty(EnrichmentJson.toJson(enrichment)),
                route == null ? List.of() : IntegrationRuleWords.route(route, this::channelName), pretty(routeJson));
    }

    /** A command to paste into a shell: the reference's standard event, pushed to this integration. */
    private static String curl(String pushUrl) {
        return "curl -X POST " + shellQuoted(pushUrl) + " \\\n  -H 'Content-Type: application/json' \\\n  -d "
                + shellQuoted(EXAMPLE_EVENT);
    }

    /** Single-quoted for a POSIX shell, where nothing inside is special but the quote itself. */
    private static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private String rateLimit(Integration integration) {
        return ownOrDefault(integration.ratePerSecond(), defaultPerSecond, "second") + "; "
                + ownOrDefault(integration.ratePerMinute(), defaultPerMinute, "minute");
    }

    private static String ownOrDefault(Integer own, int serverDefault, String unit) {
        return own == null ? limit(serverDefault, unit) + " (server default)" : limit(own, unit) + " (its own)";
    }

    private static String limit(int requests, String unit) {
        return requests == 0 ? "unlimited per " + unit : requests + " requests per " + unit;
    }

    private static String lastEvent(Long time, long now) {
        return time == null ? "never" : Formats.time(time) + " (" + Formats.ago(time, now) + ")";
    }

    private String channelOf(Integration integration) {
        return integration.isShared() ? "shared, routed" : channelName(integration.channelId());
    }

    /** The channel's name, and its status when that refuses the integration's pushes. */
    private String channelName(long channelId) {
        return catalog.channel(channelId).map(c -> c.status().equals(Channel.ENABLED)
                ? c.channelName() : c.channelName() + " (" + c.status() + ")").orElse("channel " + channelId);
    }

    private String tableName(String schemaId) {
        return catalog.mappingTable(schemaId).map(MappingTable::schemaName).orElse(schemaId + " (missing)");
    }

    private String pretty(JsonNode node) throws JsonProcessingException {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    // ---------------------------------------------------------------- actions

    private Reply create(ConsoleRequest request) {
        ObjectNode body = json.createObjectNode().put("integration_name", request.param("name"));
        Long channelId = request.id("channel");
        if (channelId == null) {
            request.notice(Notice.refused("Not created: choose a channel, or shared to route its events."));
            return Reply.redirect("/integrations");
        }
        body.put("channel_id", channelId);
        ObjectNode rate = json.createObjectNode();
        for (String field : List.of("per_second", "per_minute")) {
            String given = request.param(field);
            if (given.isEmpty()) {
                continue;
            }
            if (!given.matches("-?\\d{1,9}")) {
                request.notice(Notice.refused("Not created: the rate limit per " + field.substring(4)
                        + " must be a whole number (0 for unlimited), or empty for the server default."));
                return Reply.redirect("/integrations");
            }
            rate.put(field, Long.parseLong(given));
        }
        if (!rate.isEmpty()) {
            body.set("rate_limit", rate);
        }
        JsonNode created;
        try {
            created = json.valueToTree(operations.call("/integration/create", body, request.session().username()));
        } catch (ApiError refused) {
            request.notice(Notice.refused("Not created: " + refused.getMessage()));
            return Reply.redirect("/integrations");
        }
        long id = created.path("integration_id").asLong();
        request.notice(Notice.done("Created. Push events to the URL below."));
        return Reply.redirect("/integrations/" + id);
    }

    /** Deleting is final, so it takes a ticked confirmation (no JavaScript needed). */
    private Reply delete(ConsoleRequest request) {
        Integration integration = integration(request);
        if (!request.param("confirm").equals("yes")) {
            request.notice(Notice.refused("Not deleted: tick the box to confirm."));
            return Reply.redirect(integrationPath(request));
        }
        boolean deleted = request.attempt(() -> operations.call("/integration/delete", idBody(request),
                request.session().username()), "Deleted " + integration.integrationName()
                + ": its key is no longer accepted; its alerts and incidents stay.", "Not deleted: ");
        return Reply.redirect(deleted ? "/integrations" : integrationPath(request));
    }

    /**
     * Saves what the form's JSON says, through the Open API's upsert: {@code field} holds {@code rules} (an array)
     * or, for a route, the object with {@code cases} and {@code default}.
     */
    private Reply upsert(ConsoleRequest request, String operation, String field, String done) {
        ObjectNode body = idBody(request);
        JsonNode given;
        try {
            given = json.readTree(request.param(field));
        } catch (JsonProcessingException e) {
            request.notice(Notice.refused("Not saved: that is not valid JSON (" + e.getOriginalMessage() + ")."));
            return Reply.redirect(integrationPath(request));
        }
        if (field.equals("rules")) {
            body.set("rules", given);
        } else if (given instanceof ObjectNode route) {
            body.setAll(route);
            body.put("integration_id", integration(request).integrationId());
        } else {
            request.notice(Notice.refused("Not saved: the route must be a JSON object {\"cases\": [...], "
                    + "\"default\": {\"channel_ids\": [...]}}."));
            return Reply.redirect(integrationPath(request));
        }
        return act(request, operation, body, done, "Not saved: ");
    }

    /**
     * Runs an Open API operation as the signed-in user; the answer is a notice on the integration's page, a refusal
     * starting with {@code notDone} and going on with the API's message.
     */
    private Reply act(ConsoleRequest request, String operation, ObjectNode body, String done, String notDone) {
        request.attempt(() -> operations.call(operation, body, request.session().username()), done, notDone);
        return Reply.redirect(integrationPath(request));
    }

    private ObjectNode idBody(ConsoleRequest request) {
        return json.createObjectNode().put("integration_id", integration(request).integrationId());
    }

    /** The integration the path names; deleted ones are gone from the console. */
    private Integration integration(ConsoleRequest request) {
        String id = request.pathParam("id");
        if (!id.matches("\\d{1," + MAX_ID_DIGITS + "}")) {
            throw new ConsoleRoutes.NotFound("There is no integration " + id + ".");
        }
        return catalog.integration(Long.parseLong(id)).filter(i -> !i.isDeleted())
                .orElseThrow(() -> new ConsoleRoutes.NotFound("There is no integration " + id + "."));
    }

    private static String integrationPath(ConsoleRequest request) {
        return "/integrations/" + request.pathParam("id");
    }
}
