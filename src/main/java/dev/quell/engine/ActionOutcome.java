package dev.quell.engine;

import java.util.List;
import java.util.Map;

/**
 * What an action changed: the incidents it created and those it changed, the alerts it closed or moved, the
 * timeline entries it wrote, for a merge which incidents' alerts (all of them, closed ones included) now belong to
 * which ({@code alertsMoved}: source id to target id), and the incidents it removed with all their alerts.
 */
public record ActionOutcome(List<Incident> created, List<Incident> incidents, List<Alert> alerts,
                            List<TimelineEntry> timeline, Map<String, String> alertsMoved, List<String> removed) {

    static ActionOutcome changes(List<Incident> incidents, List<Alert> alerts, List<TimelineEntry> timeline) {
        return new ActionOutcome(List.of(), incidents, alerts, timeline, Map.of(), List.of());
    }
}
