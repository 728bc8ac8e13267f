package dev.quell.console;

/** What a console handler answers: a rendered page (or fragment) or a redirect after a form post. */
public sealed interface Reply {
    record Html(int status, String body) implements Reply {
    }

    record Redirect(String location) implements Reply {
    }

    static Reply html(String body) {
        return new Html(200, body);
    }

    static Reply redirect(String location) {
        return new Redirect(location);
    }
}
