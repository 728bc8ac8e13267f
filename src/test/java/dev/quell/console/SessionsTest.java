package dev.quell.console;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Console sessions on a clock the test moves. */
class SessionsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Sessions sessions = new Sessions(now::get);

    @Test
    void aSessionIsFoundByItsTokenAndHasItsOwnCsrfToken() {
        String alice = sessions.open("alice", "$2a$12$hash-of-alice");
        String bob = sessions.open("bob", "$2a$12$hash-of-bob");
        Sessions.Session session = sessions.find(alice).orElseThrow();
        assertThat(session.username()).isEqualTo("alice");
        assertThat(session.csrfToken()).isNotEqualTo(alice).hasSizeGreaterThanOrEqualTo(43);
        assertThat(sessions.find(bob).orElseThrow().csrfToken()).isNotEqualTo(session.csrfToken());
        assertThat(alice).isNotEqualTo(bob).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void unknownAndMissingTokensFindNothing() {
        sessions.open("alice", "$2a$12$hash-of-alice");
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("")).isEmpty();
        assertThat(sessions.find("not-a-session")).isEmpty();
    }

    @Test
    void aSessionEndsAtItsLifetimeWhateverHappensInBetween() {
        String token = sessions.open("alice", "$2a$12$hash-of-alice");
        now.addAndGet(Sessions.LIFETIME_SECONDS - 1);
        assertThat(sessions.find(token)).isPresent();
        now.incrementAndGet();
        assertThat(sessions.find(token)).isEmpty();
        now.addAndGet(-10);
        assertThat(sessions.find(token)).as("gone for good, even if the clock steps back").isEmpty();
    }

    @Test
    void closingEndsOnlyThatSession() {
        String first = sessions.open("alice", "$2a$12$hash-of-alice");
        String second = sessions.open("alice", "$2a$12$hash-of-alice");
        sessions.close(first);
        sessions.close(null);
        assertThat(sessions.find(first)).isEmpty();
        assertThat(sessions.find(second)).isPresent();
    }

    @Test
    void aNoticeIsShownOnce() {
        Sessions.Session session = sessions.find(sessions.open("alice", "$2a$12$hash-of-alice")).orElseThrow();
        session.notice(Notice.done("Acknowledged."));
        assertThat(session.takeNotice()).isEqualTo(Notice.done("Acknowledged."));
        assertThat(session.takeNotice()).isNull();
    }
}
