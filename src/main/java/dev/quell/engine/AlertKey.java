package dev.quell.engine;

/** Events with the same key from the same integration are one alert. */
public record AlertKey(long integrationId, String alertKey) {
}
