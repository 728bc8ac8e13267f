package dev.quell;

import dev.quell.config.NetworkTransport;
import dev.quell.config.Settings;
import dev.quell.config.StartupRefused;
import dev.quell.http.QuellServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The command line: {@code quell serve} runs the server; {@code quell user} manages web console accounts;
 * {@code quell help} lists the commands.
 */
@Command(name = "quell", mixinStandardHelpOptions = true, version = "Quell 0.1.0",
        description = "Self-hosted alert noise reduction, speaking Flashduty's alert-event API.",
        subcommands = {Main.Serve.class, UserCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with a refusal to start printed as its message alone (exit status 1). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler((failure, command, parsed) -> {
            if (failure instanceof StartupRefused refused) {
                command.getErr().println("quell: " + refused.getMessage());
                return 1;
            }
            throw failure;
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run Quell: the push API, the Open API and the store.")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--bind", defaultValue = "${env:QUELL_BIND:-127.0.0.1}",
                description = "Address to listen on (QUELL_BIND). Default: ${DEFAULT-VALUE}")
        String bind;

        @Option(names = "--port", defaultValue = "${env:QUELL_PORT:-8080}",
                description = "Port to listen on (QUELL_PORT). Default: ${DEFAULT-VALUE}")
        int port;

        @Option(names = "--data", defaultValue = "${env:QUELL_DATA_DIR:-./data}",
                description = "Data directory: the SQLite database and the app key (QUELL_DATA_DIR). Default: ${DEFAULT-VALUE}")
        Path dataDir;

        @Option(names = "--public-url", defaultValue = "${env:QUELL_PUBLIC_URL}",
                description = "Base URL clients use to reach Quell, for push URLs (QUELL_PUBLIC_URL). Default: http://<bind>:<port>")
        String publicUrl;

        @Option(names = "--rate-per-second", defaultValue = "${env:QUELL_RATE_PER_SECOND:-100}",
                description = "Default push requests per second per integration, 0 = unlimited (QUELL_RATE_PER_SECOND). Default: ${DEFAULT-VALUE}")
        int ratePerSecond;

        @Option(names = "--rate-per-minute", defaultValue = "${env:QUELL_RATE_PER_MINUTE:-1000}",
                description = "Default push requests per minute per integration, 0 = unlimited (QUELL_RATE_PER_MINUTE). Default: ${DEFAULT-VALUE}")
        int ratePerMinute;

        @Option(names = "--queue-capacity", defaultValue = "${env:QUELL_QUEUE_CAPACITY:-20000}",
                description = "Events waiting for the writer before pushes get 429 (QUELL_QUEUE_CAPACITY). Default: ${DEFAULT-VALUE}")
        int queueCapacity;

        @Option(names = "--max-batch", defaultValue = "${env:QUELL_MAX_BATCH:-2000}",
                description = "Most events committed in one transaction (QUELL_MAX_BATCH). Default: ${DEFAULT-VALUE}")
        int maxBatch;

        @Option(names = "--sync", defaultValue = "${env:QUELL_SYNC:-full}",
                description = "full: fsync every commit (survives power loss); normal: survives a killed process only (QUELL_SYNC). Default: ${DEFAULT-VALUE}")
        String sync;

        @Option(names = "--transport", defaultValue = "${env:QUELL_TRANSPORT:-auto}",
                description = "Socket I/O: auto (io_uring where the kernel allows it, else nio), io_uring or nio (QUELL_TRANSPORT). Default: ${DEFAULT-VALUE}")
        String transport;

        @Override
        public Integer call() throws Exception {
            if (!sync.equals("full") && !sync.equals("normal")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--sync must be full or normal");
            }
            NetworkTransport networkTransport;
            try {
                networkTransport = NetworkTransport.fromFlag(transport);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            Settings settings = new Settings(bind, port, dataDir, System.getenv("QUELL_APP_KEY"), publicUrl,
                    ratePerSecond, ratePerMinute, queueCapacity, maxBatch, sync.equals("full"), networkTransport);
            QuellServer server = QuellServer.start(settings, System.out);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                stopped.countDown();
            }, "quell-shutdown"));
            stopped.await();
            return 0;
        }
    }
}
