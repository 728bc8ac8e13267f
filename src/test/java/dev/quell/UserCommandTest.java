package dev.quell;

import dev.quell.console.ConsoleUsers;
import dev.quell.http.QuellServer;
import dev.quell.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code quell user add|passwd}, run in-process on a data directory that the test then reads. */
class UserCommandTest {
    private static final Pattern GENERATED = Pattern.compile("Password for (\\S+) \\(shown once\\): (\\S+)");
    private static final InputStream REAL_STDIN = System.in;

    @TempDir
    Path data;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void restoreStdin() {
        System.setIn(REAL_STDIN);
    }

    /** Runs {@code quell user ...} with {@code stdin} as standard input (there is no terminal under the test). */
    private int user(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        String[] command = new String[args.length + 1];
        command[0] = "user";
        System.arraycopy(args, 0, command, 1, args.length);
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(command);
    }

    private boolean verifies(String username, String password) {
        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false)) {
            return new ConsoleUsers(store, () -> 0).verify(username, password);
        }
    }

    @Test
    void addWithGenerateMakesAnAccountAndPrintsItsPasswordOnce() {
        assertThat(user("", "add", "--data", data.toString(), "--generate", "bob")).isZero();
        Matcher printed = GENERATED.matcher(out.toString());
        assertThat(printed.find()).as(out.toString()).isTrue();
        assertThat(printed.group(1)).isEqualTo("bob");
        assertThat(verifies("bob", printed.group(2))).isTrue();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void addReadsThePasswordFromStandardInput() {
        assertThat(user("a typed password\n", "add", "--data", data.toString(), "carol")).isZero();
        assertThat(out.toString()).contains("Done.").doesNotContain("a typed password");
        assertThat(verifies("carol", "a typed password")).isTrue();
    }

    @Test
    void passwdReplacesThePassword() {
        assertThat(user("the first password\n", "add", "--data", data.toString(), "dave")).isZero();
        assertThat(user("the second password\n", "passwd", "--data", data.toString(), "dave")).isZero();
        assertThat(verifies("dave", "the second password")).isTrue();
        assertThat(verifies("dave", "the first password")).isFalse();
    }

    @Test
    void refusalsSayWhyAndChangeNothing() {
        assertThat(user("the first password\n", "add", "--data", data.toString(), "erin")).isZero();

        assertThat(user("another password\n", "add", "--data", data.toString(), "erin")).isEqualTo(2);
        assertThat(err.toString()).contains("quell user: user erin already exists");
        assertThat(user("another password\n", "passwd", "--data", data.toString(), "frank")).isEqualTo(2);
        assertThat(err.toString()).contains("quell user: user frank does not exist");
        assertThat(user("short\n", "passwd", "--data", data.toString(), "erin")).isEqualTo(2);
        assertThat(err.toString()).contains("at least 10 characters");
        assertThat(user("another password\n", "add", "--data", data.toString(), "Erin")).isEqualTo(2);
        assertThat(err.toString()).contains("a user name is");

        assertThat(verifies("erin", "the first password")).isTrue();
        assertThat(verifies("frank", "another password")).isFalse();
        assertThat(verifies("Erin", "another password")).isFalse();
    }

    @Test
    void withoutAPasswordOnStandardInputNothingIsAdded() {
        assertThat(user("", "add", "--data", data.toString(), "gina")).isEqualTo(2);
        assertThat(err.toString()).contains("no password on standard input");
        try (SqliteStore store = SqliteStore.open(data, QuellServer.objectMapper(), false)) {
            assertThat(store.consoleUser("gina")).isEmpty();
        }
    }
}
