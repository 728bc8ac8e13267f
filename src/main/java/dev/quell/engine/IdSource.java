package dev.quell.engine;

/** Hands the engine new ObjectID-style ids; injected so the engine stays free of clocks and randomness. */
@FunctionalInterface
public interface IdSource {
    /** A new 24-hex-digit id whose leading 4 bytes are {@code nowSeconds}. */
    String nextId(long nowSeconds);
}
