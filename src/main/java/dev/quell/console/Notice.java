package dev.quell.console;

/** A one-line answer to what the user just did, shown on the next page: done, or refused and why. */
public record Notice(boolean ok, String text) {
    public static Notice done(String text) {
        return new Notice(true, text);
    }

    public static Notice refused(String text) {
        return new Notice(false, text);
    }
}
