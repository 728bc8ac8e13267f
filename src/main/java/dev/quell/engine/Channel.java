package dev.quell.engine;

/** A collaboration space: it owns incidents and, later, their noise-reduction settings. */
public record Channel(long channelId, String channelName, String description, String status,
                      long createdAt, long updatedAt) {
    public static final String ENABLED = "enabled";
}
