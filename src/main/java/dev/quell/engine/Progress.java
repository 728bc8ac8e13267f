package dev.quell.engine;

/** Where people are with an incident. */
public enum Progress {
    Triggered, Processing, Closed
}
