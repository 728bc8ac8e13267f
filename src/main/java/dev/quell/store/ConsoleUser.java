package dev.quell.store;

/** A web console account: its name and the bcrypt hash of its password. */
public record ConsoleUser(String username, String passwordHash, long createdAt, long updatedAt) {
}
