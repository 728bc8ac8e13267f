package dev.quell.api;

import dev.quell.engine.Alert;
import dev.quell.engine.Channel;
import dev.quell.engine.Incident;
import dev.quell.engine.Integration;
import dev.quell.engine.StoredEvent;
import dev.quell.engine.TimelineEntry;
import dev.quell.store.AlertView;
import dev.quell.store.Catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shapes records into the Open API's wire objects (field names of flashduty-openapi-subset.json). */
final class Views {
    /** Quell serves one account; fields the reference has for accounts carry this id. */
    static final long ACCOUNT_ID = 1;

    private final Catalog catalog;
    private final String publicUrl;

    Views(Catalog catalog, String publicUrl) {
        this.catalog = catalog;
        this.publicUrl = publicUrl;
    }

    String pushUrl(Integration integration) {
        return publicUrl + "/event/push/alert/standard?integration_key=" + integration.integrationKey();
    }

    Map<String, Object> channel(Channel c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("channel_id", c.channelId());
        out.put("account_id", ACCOUNT_ID);
        out.put("channel_name", c.channelName());
        out.put("description", c.description());
        out.put("status", c.status());
        out.put("auto_resolve_timeout", c.autoResolveTimeout());
        out.put("auto_resolve_mode", c.autoResolveMode().name());
        out.put("disable_auto_close", c.disableAutoClose());
        out.put("group", dev.quell.store.ChannelSettingsJson.toJson(c.grouping()));
        out.put("flapping", dev.quell.store.ChannelSettingsJson.toJson(c.flapping()));
        out.put("created_at", c.createdAt());
        out.put("updated_at", c.updatedAt());
        return out;
    }

    /** An integration as the API shows it; {@code lastEventTime} is when the writer last applied one of its events (0: never). */
    Map<String, Object> integration(Integration i, long lastEventTime) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("integration_id", i.integrationId());
        out.put("integration_name", i.integrationName());
        out.put("integration_type", i.integrationType());
        out.put("integration_key", i.integrationKey());
        out.put("channel_id", i.channelId());
        out.put("status", i.status());
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("per_second", i.ratePerSecond());
        rate.put("per_minute", i.ratePerMinute());
        out.put("rate_limit", rate);
        out.put("push_url", pushUrl(i));
        out.put("last_event_time", lastEventTime);
        out.put("created_at", i.createdAt());
        out.put("updated_at", i.updatedAt());
        return out;
    }

    Map<String, Object> alert(AlertView view) {
        Alert a = view.alert();
        Optional<Integration> integration = catalog.integration(a.integrationId());
        Optional<Channel> channel = catalog.channel(a.channelId());
        String integrationName = integration.map(Integration::integrationName).orElse("");
        String integrationType = integration.map(Integration::integrationType).orElse("");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alert_id", a.alertId());
        out.put("integration_id", a.integrationId());
        out.put("data_source_id", a.integrationId());
        out.put("channel_id", a.channelId());
        out.put("account_id", ACCOUNT_ID);
        out.put("title", a.title());
        out.put("title_rule", a.titleRule());
        out.put("description", a.description());
        out.put("alert_key", a.alertKey());
        out.put("alert_severity", a.severity().name());
        out.put("alert_status", a.status().name());
        out.put("start_time", a.startTime());
        out.put("last_time", a.lastTime());
        out.put("end_time", a.endTime());
        out.put("close_time", a.closeTime());
        out.put("labels", a.labels());
        out.put("images", a.images());
        out.put("event_cnt", a.eventCnt());
        out.put("ever_muted", a.everMuted());
        out.put("deleted_at", 0);
        out.put("created_at", a.createdAt());
        out.put("updated_at", a.updatedAt());
        out.put("integration_name", integrationName);
        out.put("integration_type", integrationType);
        out.put("integration_ref_id", "");
        out.put("data_source_name", integrationName);
        out.put("data_source_type", integrationType);
        out.put("data_source_ref_id", "");
        out.put("channel_name", channel.map(Channel::channelName).orElse(""));
        out.put("channel_status", channel.map(Channel::status).orElse(""));
        out.put("responder_name", "");
        out.put("responder_email", "");
        if (a.incidentId() != null && view.incidentProgress() != null) {
            Map<String, Object> incident = new LinkedHashMap<>();
            incident.put("incident_id", a.incidentId());
            incident.put("title", view.incidentTitle());
            incident.put("progress", view.incidentProgress().name());
            out.put("incident", incident);
        }
        return out;
    }

    Map<String, Object> event(StoredEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event_id", e.eventId());
        out.put("alert_id", e.alertId());
        out.put("account_id", ACCOUNT_ID);
        out.put("channel_id", e.channelId());
        out.put("integration_id", e.integrationId());
        out.put("data_source_id", e.integrationId());
        out.put("integration_type", catalog.integration(e.integrationId()).map(Integration::integrationType).orElse(""));
        out.put("title", e.title());
        out.put("title_rule", e.titleRule());
        out.put("description", e.description());
        out.put("alert_key", e.alertKey());
        out.put("event_severity", e.status().name());
        out.put("event_status", e.status().name());
        out.put("event_time", e.eventTime());
        out.put("labels", e.labels());
        out.put("images", e.images());
        out.put("rewrites", e.rewrites());
        out.put("created_at", e.createdAt());
        out.put("updated_at", e.createdAt());
        out.put("deleted_at", 0);
        return out;
    }

    Map<String, Object> incident(Incident n) {
        Optional<Channel> channel = catalog.channel(n.channelId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("incident_id", n.incidentId());
        out.put("account_id", ACCOUNT_ID);
        out.put("channel_id", n.channelId());
        out.put("channel_name", channel.map(Channel::channelName).orElse(""));
        out.put("channel_status", channel.map(Channel::status).orElse(""));
        out.put("num", n.num());
        out.put("title", n.title());
        out.put("description", n.description());
        out.put("incident_severity", n.severity().name());
        out.put("incident_status", n.status().name());
        out.put("progress", n.progress().name());
        out.put("start_time", n.startTime());
        out.put("last_time", n.lastTime());
        out.put("end_time", n.endTime());
        out.put("ack_time", n.ackTime());
        out.put("close_time", n.closeTime());
        out.put("snoozed_before", n.snoozedBefore());
        out.put("labels", n.labels());
        out.put("group_method", n.groupMethod().name());
        out.put("dedup_key", n.dedupKey());
        out.put("alert_cnt", n.alertCnt());
        out.put("active_alert_cnt", n.activeAlertCnt());
        out.put("alert_event_cnt", n.alertEventCnt());
        out.put("ever_muted", n.everMuted());
        out.put("creator_id", 0);
        out.put("closer_id", 0);
        out.put("root_cause", n.rootCause());
        out.put("resolution", n.resolution());
        out.put("impact", "");
        out.put("responders", List.of());
        out.put("created_at", n.createdAt());
        out.put("updated_at", n.updatedAt());
        return out;
    }

    /** A feed item of Flashduty's shape: {@code ref_id} is the alert or incident it is about. */
    static Map<String, Object> feedItem(String refId, String type, Map<String, String> detail, long at) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ref_id", refId);
        out.put("type", type);
        out.put("detail", detail);
        out.put("account_id", ACCOUNT_ID);
        out.put("creator_id", 0);
        out.put("created_at", at);
        out.put("updated_at", at);
        return out;
    }

    /** An incident timeline entry as a feed item, with who did it ({@code actor}). */
    static Map<String, Object> timelineEntry(TimelineEntry e) {
        Map<String, Object> out = feedItem(e.incidentId(), e.type(), e.detail(), e.createdAt());
        out.put("actor", e.actor());
        return out;
    }

    static Map<String, Object> page(List<?> items, long total, boolean hasNextPage) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("total", total);
        out.put("has_next_page", hasNextPage);
        return out;
    }
}
