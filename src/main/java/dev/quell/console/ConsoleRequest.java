package dev.quell.console;

import dev.quell.http.ApiError;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A signed-in request, as console handlers see it: who sent it, its parameters (query string and form fields
 * together) and the path's named parts. Handlers never touch the HTTP layer, so they read like the page they serve.
 */
public record ConsoleRequest(Sessions.Session session, Map<String, List<String>> params, Map<String, String> path) {

    /** The first value of a parameter, trimmed; empty when absent. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0).strip();
    }

    /** Every non-blank value of a parameter (checkboxes, multi-selects). */
    public List<String> all(String name) {
        return params.getOrDefault(name, List.of()).stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    public String pathParam(String name) {
        return path.getOrDefault(name, "");
    }

    /** The page frame's view of this request: who is signed in, the CSRF token, and the notice to show once. */
    public Chrome chrome(String activeSection) {
        return new Chrome(session.username(), session.csrfToken(), session.takeNotice(), activeSection);
    }

    /**
     * Makes a change (an Open API operation) and leaves the notice the next page shows: {@code done}, or
     * {@code refusedPrefix} followed by the API's reason. Answers whether the change was made.
     */
    public boolean attempt(Supplier<?> change, String done, String refusedPrefix) {
        try {
            change.get();
            notice(Notice.done(done));
            return true;
        } catch (ApiError refused) {
            notice(Notice.refused(refusedPrefix + refused.getMessage()));
            return false;
        }
    }

    /** Leaves a notice for the next page this session sees. */
    public void notice(Notice notice) {
        session.notice(notice);
    }
}
