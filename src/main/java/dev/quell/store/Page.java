package dev.quell.store;

import java.util.List;

/**
 * One page of a list, with the total that matched, whether another page follows and, for lists that support it,
 * where that page starts ({@code next}, null otherwise).
 */
public record Page<T>(List<T> items, long total, boolean hasNextPage, SearchAfter next) {
}
