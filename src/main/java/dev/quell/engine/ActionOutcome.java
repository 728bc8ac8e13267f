package dev.quell.engine;

import java.util.List;

/**
 * What an action changed: the incidents it created and those it changed, the alerts it closed or moved, and the
 * timeline entries it wrote.
 */
public record ActionOutcome(List<Incident> created, List<Incident> incidents, List<Alert> alerts,
                            List<TimelineEntry> timeline) {
}
