package dev.quell.store;

import dev.quell.engine.Incident;
import dev.quell.engine.Severity;

import java.util.Map;

/** What the console's incident list shows: a page of incidents and how many match per severity. */
public record IncidentOverview(Page<Incident> page, Map<Severity, Long> countsBySeverity) {
}
