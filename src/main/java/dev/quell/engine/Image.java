package dev.quell.engine;

/** An image attached to an event: {@code src} is an http(s) URL, {@code href} where a click leads. */
public record Image(String src, String href, String alt) {
}
