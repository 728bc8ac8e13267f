package dev.quell.engine;

import dev.quell.filter.Filter;

import java.util.List;

/** A fine-grained grouping branch: alerts its filter matches group by its own dimension lists. */
public record GroupCase(Filter filter, List<List<String>> equals) {

    public GroupCase {
        equals = List.copyOf(equals.stream().map(List::copyOf).toList());
    }

    boolean matches(Alert alert) {
        return filter.matches(alert);
    }
}
