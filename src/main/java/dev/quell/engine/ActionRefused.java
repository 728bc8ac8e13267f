package dev.quell.engine;

/** An action that cannot apply as asked (merging into a closed incident, say); nothing was changed. */
public final class ActionRefused extends RuntimeException {
    public ActionRefused(String message) {
        super(message, null, false, false);
    }
}
