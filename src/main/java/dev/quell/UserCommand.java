package dev.quell;

import dev.quell.console.ConsoleUsers;
import dev.quell.http.QuellServer;
import dev.quell.store.Store;
import dev.quell.store.sqlite.SqliteStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code quell user add|passwd NAME}: web console accounts, on the same data directory as the server (which may be
 * running). The password is read from the terminal without echo, or from one line of standard input when there is no
 * terminal; with {@code --generate} a random one is made and printed once.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage web console accounts.",
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class})
final class UserCommand {

    abstract static class AccountCommand implements Callable<Integer> {
        @Option(names = "--data", defaultValue = "${env:QUELL_DATA_DIR:-./data}",
                description = "Data directory (QUELL_DATA_DIR). Default: ${DEFAULT-VALUE}")
        Path dataDir;

        @Option(names = "--generate", description = "Make a random password and print it once.")
        boolean generate;

        @Parameters(index = "0", paramLabel = "NAME", description = "User name: a-z, 0-9, '.', '_' and '-'.")
        String username;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract void apply(ConsoleUsers users, String password);

        @Override
        public Integer call() throws IOException {
            try (Store store = SqliteStore.open(dataDir, QuellServer.objectMapper(), true)) {
                ConsoleUsers users = new ConsoleUsers(store, () -> System.currentTimeMillis() / 1000);
                String password = generate ? users.randomPassword() : readPassword();
                try {
                    apply(users, password);
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("quell user: " + e.getMessage());
                    return 2;
                }
                spec.commandLine().getOut().println(generate ? "Password for " + username + " (shown once): "
                        + password : "Done.");
                return 0;
            }
        }

        private String readPassword() throws IOException {
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("Password for %s: ", username);
                char[] again = console.readPassword("Again: ");
                if (first == null || again == null || !new String(first).equals(new String(again))) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "the passwords differ");
                }
                return new String(first);
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "no password on standard input (or use --generate)");
            }
            return line;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a console account.")
    static final class Add extends AccountCommand {
        @Override
        void apply(ConsoleUsers users, String password) {
            users.add(username, password);
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Change a console account's password.")
    static final class Passwd extends AccountCommand {
        @Override
        void apply(ConsoleUsers users, String password) {
            users.setPassword(username, password);
        }
    }
}
