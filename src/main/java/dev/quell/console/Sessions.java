package dev.quell.console;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Signed-in console sessions, held in memory: a restart signs everyone out, which for a handful of people on call
 * costs less than keeping session secrets on disk. Each session has its own CSRF token, and ends
 * {@value #LIFETIME_SECONDS} seconds after sign-in, or earlier when its user's password changes (even from
 * {@code quell user passwd} in another process: the guard compares the stored hash with the session's).
 */
public final class Sessions {
    public static final String COOKIE = "quell_session";
    public static final long LIFETIME_SECONDS = 12 * 3600;

    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final LongSupplier clock;

    public Sessions(LongSupplier clock) {
        this.clock = clock;
    }

    /** A signed-in user. The notice is what the next page shows once (the result of the last action). */
    public static final class Session {
        private final String username;
        private final String passwordHash;
        private final String csrfToken;
        private final long expiresAt;
        private volatile Notice notice;

        Session(String username, String passwordHash, String csrfToken, long expiresAt) {
            this.username = username;
            this.passwordHash = passwordHash;
            this.csrfToken = csrfToken;
            this.expiresAt = expiresAt;
        }

        /** The user's password hash at sign-in: once the password changes, the session no longer holds. */
        public String passwordHash() {
            return passwordHash;
        }

        public String username() {
            return username;
        }

        public String csrfToken() {
            return csrfToken;
        }

        void notice(Notice next) {
            notice = next;
        }

        /** The pending notice, cleared: each is shown once. */
        Notice takeNotice() {
            Notice pending = notice;
            notice = null;
            return pending;
        }
    }

    /**
     * Opens a session for a user who just signed in with the password whose hash is {@code passwordHash}; returns its
     * cookie value.
     */
    public String open(String username, String passwordHash) {
        purgeExpired();
        String token = randomToken();
        byToken.put(token, new Session(username, passwordHash, randomToken(), clock.getAsLong() + LIFETIME_SECONDS));
        return token;
    }

    public Optional<Session> find(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session session = byToken.get(token);
        if (session == null) {
            return Optional.empty();
        }
        if (clock.getAsLong() >= session.expiresAt) {
            byToken.remove(token);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    public void close(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }

    private void purgeExpired() {
        long now = clock.getAsLong();
        byToken.values().removeIf(session -> now >= session.expiresAt);
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
