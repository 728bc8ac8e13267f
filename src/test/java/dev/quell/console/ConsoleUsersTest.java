package dev.quell.console;

import dev.quell.http.QuellServer;
import dev.quell.store.ConsoleUser;
import dev.quell.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Console accounts on a real store: bcrypt hashes, password and name rules, the first account. */
class ConsoleUsersTest {
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path data;
    private SqliteStore store;
    private final AtomicLong now = new AtomicLong(1_700_000_000);
    private ConsoleUsers users;

    @BeforeEach
    void openStore() {
        store = SqliteStore.open(data, QuellServer.objectMapper(), false);
        users = new ConsoleUsers(store, now::get);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void anAccountKeepsABcryptHashNotThePassword() {
        users.add("alice", PASSWORD);
        ConsoleUser stored = store.consoleUser("alice").orElseThrow();
        assertThat(stored.passwordHash()).matches("\\$2[ab]\\$12\\$.{53}").doesNotContain(PASSWORD);
        assertThat(stored.createdAt()).isEqualTo(now.get());
        assertThat(stored.updatedAt()).isEqualTo(now.get());

        users.add("bob", PASSWORD);
        assertThat(store.consoleUser("bob").orElseThrow().passwordHash())
                .as("salted: the same password hashes differently").isNotEqualTo(stored.passwordHash());
    }

    @Test
    void onlyTheRightPasswordOfAnExistingUserVerifies() {
        users.add("alice", PASSWORD);
        assertThat(users.verify("alice", PASSWORD)).isTrue();
        assertThat(users.verify("alice", PASSWORD + " ")).isFalse();
        assertThat(users.verify("alice", "Correct horse battery")).isFalse();
        assertThat(users.verify("alice", "")).isFalse();
        assertThat(users.verify("alice", null)).isFalse();
        assertThat(users.verify("bob", PASSWORD)).isFalse();
        assertThat(users.verify(null, PASSWORD)).isFalse();
        assertThat(users.verify("alice", PASSWORD + "x".repeat(ConsoleUsers.MAX_PASSWORD_BYTES))).isFalse();
    }

    @Test
    void anUnknownUserCostsABcryptCheckLikeAKnownOne() {
        users.add("alice", PASSWORD);
        users.verify("nobody", PASSWORD);
        long started = System.nanoTime();
        assertThat(users.verify("nobody", PASSWORD)).isFalse();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).as("a cost-12 bcrypt check, not a quick lookup miss").isGreaterThanOrEqualTo(20);
    }

    @Test
    void passwordsMustBeTenCharactersToSeventyTwoBytes() {
        assertThatThrownBy(() -> users.add("alice", "123456789")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least " + ConsoleUsers.MIN_PASSWORD);
        assertThatThrownBy(() -> users.add("alice", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.add("alice", "x".repeat(ConsoleUsers.MAX_PASSWORD_BYTES + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 72 bytes");
        assertThatThrownBy(() -> users.add("alice", "€".repeat(25)))
                .as("75 bytes in UTF-8 though 25 characters").isInstanceOf(IllegalArgumentException.class);
        assertThat(store.consoleUser("alice")).isEmpty();

        users.add("ten", "1234567890");
        users.add("longest", "y".repeat(ConsoleUsers.MAX_PASSWORD_BYTES));
        users.add("accents", "é".repeat(ConsoleUsers.MIN_PASSWORD));
        assertThat(users.verify("longest", "y".repeat(ConsoleUsers.MAX_PASSWORD_BYTES))).isTrue();
        assertThat(users.verify("accents", "é".repeat(ConsoleUsers.MIN_PASSWORD))).isTrue();
    }

    @Test
    void aNameInUseIsRefusedAndTheAccountKept() {
        users.add("alice", PASSWORD);
        assertThatThrownBy(() -> users.add("alice", "another password"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
        assertThat(users.verify("alice", PASSWORD)).isTrue();
        assertThat(users.verify("alice", "another password")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Alice", "-alice", ".alice", "al ice", "alice/../x", "<script>", "ålice",
            "a2345678901234567890123456789012345678901234567890123456789012345"})
    void badNamesAreRefused(String name) {
        assertThatThrownBy(() -> users.add(name, PASSWORD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a user name is");
        assertThat(store.hasConsoleUsers()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "bob.smith_2-x",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void wellFormedNamesAreAccepted(String name) {
        users.add(name, PASSWORD);
        assertThat(users.verify(name, PASSWORD)).isTrue();
    }

    @Test
    void aNewPasswordReplacesTheOldOne() {
        users.add("alice", PASSWORD);
        long created = now.get();
        now.addAndGet(60);
        users.setPassword("alice", "a brand new secret");
        assertThat(users.verify("alice", "a brand new secret")).isTrue();
        assertThat(users.verify("alice", PASSWORD)).isFalse();
        ConsoleUser stored = store.consoleUser("alice").orElseThrow();
        assertThat(stored.createdAt()).isEqualTo(created);
        assertThat(stored.updatedAt()).isEqualTo(created + 60);

        assertThatThrownBy(() -> users.setPassword("alice", "short")).isInstanceOf(IllegalArgumentException.class);
        assertThat(users.verify("alice", "a brand new secret")).isTrue();
        assertThatThrownBy(() -> users.setPassword("bob", PASSWORD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
        assertThat(store.consoleUser("bob")).isEmpty();
    }

    @Test
    void theFirstAccountIsMadeOnceOnly() {
        String password = users.createFirstUserIfNone().orElseThrow();
        assertThat(password).hasSize(20).matches("[a-zA-Z2-9]+");
        assertThat(users.verify(ConsoleUsers.FIRST_USER, password)).isTrue();
        assertThat(users.createFirstUserIfNone()).isEmpty();
        assertThat(users.verify(ConsoleUsers.FIRST_USER, password)).as("not replaced").isTrue();
    }

    @Test
    void noFirstAccountWhenSomeoneAlreadyHasOne() {
        users.add("alice", PASSWORD);
        assertThat(users.createFirstUserIfNone()).isEmpty();
        assertThat(store.consoleUser(ConsoleUsers.FIRST_USER)).isEmpty();
    }
}
