package dev.quell.engine;

/**
 * Flapping detection for a channel, per alert key: {@code maxChanges} state changes (an alert opening or
 * recovering) within {@code inMinutes} mark the key flapping. {@link Mode#alert} writes {@code i_m_flapping} on the
 * incident once per episode; {@link Mode#silence} also mutes the key's incidents for {@code muteMinutes}.
 */
public record Flapping(Mode mode, int maxChanges, int inMinutes, int muteMinutes) {

    public enum Mode { off, alert, silence }

    public static final int DEFAULT_MAX_CHANGES = 4;
    public static final int DEFAULT_IN_MINUTES = 60;
    public static final int DEFAULT_MUTE_MINUTES = 120;

    /** What a new channel gets: flapping marked, nothing muted. */
    public static final Flapping ALERT_ONLY =
            new Flapping(Mode.alert, DEFAULT_MAX_CHANGES, DEFAULT_IN_MINUTES, DEFAULT_MUTE_MINUTES);

    public boolean isOn() {
        return mode != Mode.off;
    }

    /** How long after the last flapping change an episode lasts: no new mark for the key before it ends. */
    long episodeSeconds() {
        return 60L * (mode == Mode.silence ? Math.max(inMinutes, muteMinutes) : inMinutes);
    }
}
