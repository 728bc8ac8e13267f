package dev.quell.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A query string for links that keep a list's filters: empty and absent values are left out. */
final class QueryString {
    private final StringBuilder query = new StringBuilder();

    QueryString add(String name, Object value) {
        String text = value == null ? "" : value.toString();
        if (!text.isEmpty()) {
            query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        return this;
    }

    QueryString addEach(String name, Iterable<?> values) {
        values.forEach(value -> add(name, value));
        return this;
    }

    @Override
    public String toString() {
        return query.toString();
    }
}
