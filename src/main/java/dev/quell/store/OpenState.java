package dev.quell.store;

import dev.quell.engine.Alert;
import dev.quell.engine.Channel;
import dev.quell.engine.Incident;

import java.util.List;

/** What a shard writer needs to rebuild its engine state on start. */
public record OpenState(List<Alert> activeAlerts, List<Incident> openIncidents, List<Alert> recentlyRecovered,
                        List<Channel> channels) {
}
