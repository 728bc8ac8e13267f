package dev.quell.engine;

/**
 * A push endpoint with its own key. {@code ratePerSecond} / {@code ratePerMinute} are null to follow the
 * server-wide default, 0 for unlimited.
 */
public record Integration(long integrationId, String integrationName, String integrationType,
                          String integrationKey, long channelId, String status,
                          Integer ratePerSecond, Integer ratePerMinute, long createdAt, long updatedAt) {
    public static final String STANDARD = "standard";
    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";
    /** Final: its key is no longer accepted and it leaves the lists; its alerts and incidents stay. */
    public static final String DELETED = "deleted";

    public boolean isEnabled() {
        return ENABLED.equals(status);
    }

    public boolean isDeleted() {
        return DELETED.equals(status);
    }

    /** Belongs to no channel: its route decides where each event goes. */
    public boolean isShared() {
        return channelId == 0;
    }
}
