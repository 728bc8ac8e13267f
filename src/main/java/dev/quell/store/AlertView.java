package dev.quell.store;

import dev.quell.engine.Alert;
import dev.quell.engine.Progress;

/** An alert as lists show it: with its incident's title and progress. */
public record AlertView(Alert alert, String incidentTitle, Progress incidentProgress) {
}
