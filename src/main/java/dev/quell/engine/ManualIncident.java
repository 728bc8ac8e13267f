package dev.quell.engine;

/** An incident someone opens by hand, with no alert behind it ({@code channelId} 0: standalone). */
public record ManualIncident(long channelId, String title, String description, Severity severity, String actor)
        implements Input {
}
