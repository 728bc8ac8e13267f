package dev.quell.engine;

/**
 * A collaboration space: it owns incidents and the settings that decide how they close.
 *
 * @param autoResolveTimeout seconds after which an open incident closes by itself (0: never), counted from its
 *                           start ({@code trigger} mode) or from its last alert activity ({@code update} mode)
 * @param disableAutoClose   when true, an incident whose alerts all recovered stays open (status Ok) until someone
 *                           closes it
 * @param grouping           how new alerts gather into incidents
 * @param flapping           how alert keys that keep opening and recovering are marked
 */
public record Channel(long channelId, String channelName, String description, String status,
                      long autoResolveTimeout, AutoResolveMode autoResolveMode, boolean disableAutoClose,
                      Grouping grouping, Flapping flapping, long createdAt, long updatedAt) implements Setting {
    public static final String ENABLED = "enabled";
    /** Its integrations' pushes are refused (403) until it is enabled again. */
    public static final String DISABLED = "disabled";
    /** Gone from lists; its integrations' pushes are refused; its incidents stay readable. */
    public static final String DELETED = "deleted";
    /** The longest auto-resolve timeout: 30 days, in seconds. */
    public static final long MAX_AUTO_RESOLVE_TIMEOUT = 30L * 24 * 3600;

    public enum AutoResolveMode { trigger, update }

    /** The settings of a channel nobody configured: no auto-resolve, auto-close on, no grouping, flapping marked. */
    static final Channel DEFAULTS = newChannel("", "", 0);

    /** A channel not stored yet (its id is assigned by the store), with the default settings. */
    public static Channel newChannel(String name, String description, long now) {
        return new Channel(0, name, description, ENABLED, 0, AutoResolveMode.trigger, false, Grouping.OFF,
                Flapping.ALERT_ONLY, now, now);
    }

    public Channel withStatus(String newStatus, long now) {
        return new Channel(channelId, channelName, description, newStatus, autoResolveTimeout, autoResolveMode,
                disableAutoClose, grouping, flapping, createdAt, now);
    }

    /** When an open incident of this channel resolves by itself, or {@code Long.MAX_VALUE} for never. */
    long autoResolveAt(Incident incident) {
        if (autoResolveTimeout <= 0) {
            return Long.MAX_VALUE;
        }
        long from = autoResolveMode == AutoResolveMode.update ? incident.lastTime() : incident.startTime();
        return from + autoResolveTimeout;
    }
}
