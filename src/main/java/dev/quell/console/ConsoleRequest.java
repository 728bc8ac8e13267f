package dev.quell.console;

import dev.quell.engine.Severity;
import dev.quell.http.ApiError;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A signed-in request, as console handlers see it: who sent it, its parameters (query string and form fields
 * together) and the path's named parts. Handlers never touch the HTTP layer, so they read like the page they serve.
 */
public record ConsoleRequest(Sessions.Session session, Map<String, List<String>> params, Map<String, String> path) {
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{24}");

    /** The first value of a parameter, trimmed; empty when absent. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0).strip();
    }

    /** Every non-blank value of a parameter (checkboxes, multi-selects). */
    public List<String> all(String name) {
        return params.getOrDefault(name, List.of()).stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** The severities ticked among Critical, Warning and Info; anything else is ignored. */
    public Set<Severity> severities(String name) {
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        for (String given : all(name)) {
            if (List.of("Critical", "Warning", "Info").contains(given)) {
                severities.add(Severity.valueOf(given));
            }
        }
        return severities;
    }

    /** A numeric id (a select's value), or null when absent or not a number. */
    public Long id(String name) {
        return param(name).matches("\\d{1,18}") ? Long.valueOf(param(name)) : null;
    }

    /** A text parameter, cut to at most {@code max} code points. */
    public String text(String name, int max) {
        String text = param(name);
        return text.codePointCount(0, text.length()) > max ? text.substring(0, text.offsetByCodePoints(0, max)) : text;
    }

    /** An ObjectID (a record's id, a paging cursor), or empty when absent or not one. */
    public String objectId(String name) {
        return isObjectId(param(name)) ? param(name) : "";
    }

    /** Whether the text is an ObjectID as Quell writes them: 24 lower-case hex digits. */
    public static boolean isObjectId(String text) {
        return OBJECT_ID.matcher(text).matches();
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
