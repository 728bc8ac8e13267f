package dev.quell.store;

import java.util.List;

/** One page of a list, with the total that matched and whether another page follows. */
public record Page<T>(List<T> items, long total, boolean hasNextPage) {
}
