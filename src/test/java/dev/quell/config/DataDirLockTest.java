package dev.quell.config;

import dev.quell.Main;
import dev.quell.testing.QuellProcess;
import dev.quell.testing.RunningQuell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** One server per data directory: a second is refused, and the directory is free again once the first has gone. */
class DataDirLockTest {

    @Test
    void aSecondServerInThisProcessIsRefusedUntilTheFirstStops(@TempDir Path data) {
        try (RunningQuell first = RunningQuell.start(data)) {
            assertThat(first.push("{\"event_status\":\"Warning\",\"alert_key\":\"k\",\"title_rule\":\"t\"}").status())
                    .isEqualTo(200);
            assertThatThrownBy(() -> RunningQuell.start(data))
                    .isInstanceOf(StartupRefused.class)
                    .hasMessageContaining("another Quell (pid " + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining(data.toAbsolutePath().toString());
        }
        try (RunningQuell again = RunningQuell.start(data)) {
            assertThat(again.server().store().loadOpenState(0).activeAlerts()).hasSize(1);
        }
    }

    @Test
    void aServerInAnotherProcessHoldsTheDirectoryUntilItIsKilled(@TempDir Path data) throws Exception {
        QuellProcess other = QuellProcess.start(data, RunningQuell.freePort());
        try {
            StringWriter err = new StringWriter();
            // Preemptive: if the lock did not refuse, serve would run until stopped, and the test must fail, not hang.
            int exit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Main.commandLine()
                    .setErr(new PrintWriter(err, true))
                    .execute("serve", "--data", data.toString(), "--port", Integer.toString(RunningQuell.freePort())));
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).startsWith("quell: another Quell (pid " + other.pid() + ") is serving from ")
                    .doesNotContain("at dev.quell");
        } finally {
            other.kill();
        }
        // SIGKILL ran no shutdown hook: the operating system dropped the lock with the process.
        try (RunningQuell after = RunningQuell.start(data)) {
            assertThat(after.server().port()).isPositive();
        }
    }
}
