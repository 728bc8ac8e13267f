package dev.quell.ingest;

import dev.quell.engine.Severity;

/**
 * What a push URL's query may impose on every event it carries: {@code severity} (Critical, Warning or Info) replaces
 * the status of trigger events (recoveries stay {@code Ok}); {@code title_rule} replaces the body's title rule, which
 * the body may then leave out. Null when the query does not set it.
 */
public record PushOverrides(Severity severity, String titleRule) {
    public static final PushOverrides NONE = new PushOverrides(null, null);

    /** Reads the query's values (null when absent); throws {@link InvalidEventException} naming a bad one. */
    public static PushOverrides of(String severity, String titleRule) throws InvalidEventException {
        if (severity == null && titleRule == null) {
            return NONE;
        }
        Severity forced = null;
        if (severity != null) {
            forced = switch (severity) {
                case "Critical" -> Severity.Critical;
                case "Warning" -> Severity.Warning;
                case "Info" -> Severity.Info;
                default -> throw new InvalidEventException("query parameter severity must be Critical, Warning or "
                        + "Info (got \"" + severity + "\")");
            };
        }
        if (titleRule != null && titleRule.isBlank()) {
            throw new InvalidEventException("query parameter title_rule must not be empty");
        }
        return new PushOverrides(forced, titleRule);
    }
}
