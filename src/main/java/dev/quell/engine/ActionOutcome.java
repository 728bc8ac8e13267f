package dev.quell.engine;

import java.util.List;

/** What an action changed: incidents, the alerts a resolve closed, and the timeline entries it wrote. */
public record ActionOutcome(List<Incident> incidents, List<Alert> closedAlerts, List<TimelineEntry> timeline) {
}
