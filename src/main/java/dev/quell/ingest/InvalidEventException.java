package dev.quell.ingest;

/** The pushed body breaks the contract; the message names the field and the rule it broke. */
public final class InvalidEventException extends Exception {
    public InvalidEventException(String message) {
        super(message, null, false, false);
    }
}
