package dev.quell.engine;

import java.util.ArrayDeque;

/** When one alert key last opened or recovered, and the flapping episode it is in, if any. */
final class FlapHistory {
    /** What a state change means for the key's incident. */
    enum Verdict {
        /** Nothing to mark. */
        STEADY,
        /** Flapping began: mark the incident ({@code i_m_flapping}) and, in silence mode, mute it. */
        STARTED,
        /** Still inside an episode that mutes: mute the incident, without a second mark. */
        MUTED
    }

    private final ArrayDeque<Long> changes = new ArrayDeque<>();
    private long episodeEnd;
    private long muteEnd;

    Verdict changed(Flapping flapping, long now) {
        changes.addLast(now);
        long windowStart = now - flapping.inMinutes() * 60L;
        while (!changes.isEmpty() && changes.peekFirst() <= windowStart) {
            changes.pollFirst();
        }
        boolean flappingNow = changes.size() >= flapping.maxChanges();
        Verdict verdict = Verdict.STEADY;
        if (flappingNow) {
            verdict = now >= episodeEnd ? Verdict.STARTED : Verdict.STEADY;
            episodeEnd = now + flapping.episodeSeconds();
            if (flapping.mode() == Flapping.Mode.silence) {
                muteEnd = now + flapping.muteMinutes() * 60L;
            }
        }
        if (verdict == Verdict.STEADY && now < muteEnd) {
            verdict = Verdict.MUTED;
        }
        return verdict;
    }

    /** Whether nothing about the key is worth keeping after {@code cutoff}. */
    boolean quietSince(long cutoff) {
        return (changes.isEmpty() || changes.peekLast() < cutoff) && episodeEnd < cutoff && muteEnd < cutoff;
    }
}
