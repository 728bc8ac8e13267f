package dev.quell.engine;

/**
 * Events with the same key from the same integration into the same channel are one alert. The channel is part of it
 * because a shared integration's route may send one event to several channels, each with its own alert.
 */
public record AlertKey(long channelId, long integrationId, String alertKey) {
}
