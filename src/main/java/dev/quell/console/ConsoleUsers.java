package dev.quell.console;

import dev.quell.store.ConsoleUser;
import dev.quell.store.Store;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The web console's accounts. Passwords are kept only as bcrypt hashes (cost {@value #BCRYPT_COST}, about a quarter
 * of a second per check on one core). bcrypt reads at most 72 bytes, so longer passwords are refused rather than
 * silently cut.
 */
public final class ConsoleUsers {
    public static final String FIRST_USER = "admin";
    static final int BCRYPT_COST = 12;
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD_BYTES = 72;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Store store;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    /**
     * Checked against when the user does not exist, so the time a sign-in takes does not tell which names exist. Made
     * on first need: it costs as much as a real hash.
     */
    private volatile String decoyHash;

    public ConsoleUsers(Store store, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Adds an account; refuses a name in use, a name not of the allowed form, or a weak password. */
    public void add(String username, String password) {
        checkUsername(username);
        if (store.consoleUser(username).isPresent()) {
            throw new IllegalArgumentException("user " + username + " already exists");
        }
        long now = clock.getAsLong();
        store.saveConsoleUser(new ConsoleUser(username, hash(password), now, now));
    }

    /** Replaces an existing account's password. */
    public void setPassword(String username, String password) {
        ConsoleUser user = store.consoleUser(username)
                .orElseThrow(() -> new IllegalArgumentException("user " + username + " does not exist"));
        store.saveConsoleUser(new ConsoleUser(username, hash(password), user.createdAt(), clock.getAsLong()));
    }

    /** The user's password hash as now stored, or null when there is no such user. */
    public String passwordHash(String username) {
        return store.consoleUser(username).map(ConsoleUser::passwordHash).orElse(null);
    }

    /** Whether the password is this user's; false for a user that does not exist. */
    public boolean verify(String username, String password) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return false;
        }
        Optional<ConsoleUser> user = username == null ? Optional.empty() : store.consoleUser(username);
        boolean matches = BCrypt.checkpw(password, user.isPresent() ? user.get().passwordHash() : decoyHash());
        return matches && user.isPresent();
    }

    private String decoyHash() {
        if (decoyHash == null) {
            decoyHash = BCrypt.hashpw(randomPassword(), BCrypt.gensalt(BCRYPT_COST, random));
        }
        return decoyHash;
    }

    /**
     * On a store with no account, creates {@value #FIRST_USER} with a random password and returns that password (to
     * be shown once); otherwise empty.
     */
    public Optional<String> createFirstUserIfNone() {
        if (store.hasConsoleUsers()) {
            return Optional.empty();
        }
        String password = randomPassword();
        add(FIRST_USER, password);
        return Optional.of(password);
    }

    /** 20 characters from an alphabet without look-alikes: about 117 bits. */
    public String randomPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    private String hash(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            throw new IllegalArgumentException("the password must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("the password must be at most " + MAX_PASSWORD_BYTES
                    + " bytes in UTF-8 (bcrypt reads no more)");
        }
        return BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_COST, random));
    }

    private static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 64 of a-z, 0-9, '.', '_' and '-', "
                    + "starting with a letter or digit");
        }
    }
}
