package dev.quell.http;

import dev.quell.Main;
import dev.quell.config.NetworkTransport;
import dev.quell.config.Settings;
import dev.quell.config.StartupRefused;
import dev.quell.testing.RunningQuell;
import dev.quell.testing.RunningQuell.Reply;
import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTTP server on each socket transport ({@code --transport}). The rest of the suite runs on the default, which
 * is io_uring on a kernel that allows it (CI's does), so this is where NIO, the fallback of every container whose
 * seccomp profile blocks io_uring, serves the push API over a real socket.
 */
class TransportTest {
    private static final String TRIGGER = "{\"event_status\":\"Warning\",\"alert_key\":\"disk-1\",\"title_rule\":\"disk\"}";

    private static Settings settings(Path data, NetworkTransport transport) {
        return settings(data, RunningQuell.freePort(), transport);
    }

    private static Settings settings(Path data, int port, NetworkTransport transport) {
        return new Settings("127.0.0.1", port, data, RunningQuell.APP_KEY, null, 100, 1000, 1000, 100, false,
                transport);
    }

    @ParameterizedTest
    @EnumSource(value = NetworkTransport.class, names = {"NIO", "IO_URING"})
    void eachTransportServesThePushApi(NetworkTransport transport, @TempDir Path data) {
        assumeTrue(transport != NetworkTransport.IO_URING || Transport.IO_URING.available(),
                () -> "skipped: io_uring is not available on this machine: " + Transport.IO_URING.unavailabilityCause());
        try (RunningQuell quell = RunningQuell.start(settings(data, transport))) {
            assertThat(quell.server().transport()).isEqualTo(transport.flagValue());
            assertThat(quell.console()).contains("(" + transport.flagValue() + ")");

            Reply pushed = quell.push(TRIGGER);
            assertThat(pushed.status()).isEqualTo(200);
            assertThat(pushed.data().path("alert_key").asText()).isEqualTo("disk-1");
            long now = System.currentTimeMillis() / 1000;
            Reply listed = quell.openApi("/alert/list", "{\"start_time\":" + (now - 3600) + ",\"end_time\":"
                    + (now + 3600) + "}");
            assertThat(listed.data().path("items").get(0).path("alert_key").asText()).isEqualTo("disk-1");

            Reply tooLarge = quell.push("{\"title_rule\":\"" + "x".repeat(PushRoutes.MAX_BODY_BYTES) + "\"}");
            assertThat(tooLarge.status()).isEqualTo(400);
            assertThat(tooLarge.errorMessage()).contains("1 MiB");

            Reply unknown = quell.send("GET", "/no/such/path", null, null);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.errorCode()).isEqualTo("RouteNotFound");
        }
    }

    @ParameterizedTest
    @EnumSource(value = NetworkTransport.class, names = {"NIO", "IO_URING"})
    void portZeroServesOnAFreePortThatEveryEventLoopShares(NetworkTransport transport, @TempDir Path data) {
        assumeTrue(transport != NetworkTransport.IO_URING || Transport.IO_URING.available(),
                () -> "skipped: io_uring is not available on this machine: " + Transport.IO_URING.unavailabilityCause());
        try (RunningQuell quell = RunningQuell.start(settings(data, 0, transport))) {
            assertThat(quell.server().port()).isPositive();
            assertThat(quell.console()).contains("listening on http://127.0.0.1:" + quell.server().port() + " ");
            assertThat(quell.push(TRIGGER).status()).isEqualTo(200);
        }
    }

    @Test
    void autoTakesIoUringWhereTheKernelAllowsItAndNioElsewhere(@TempDir Path data) {
        try (RunningQuell quell = RunningQuell.start(settings(data, NetworkTransport.AUTO))) {
            assertThat(quell.server().transport()).isEqualTo(Transport.IO_URING.available() ? "io_uring" : "nio");
        }
    }

    @Test
    void aPortInUseIsRefusedWithItsReasonAndLeavesTheDataDirectoryFree(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Settings onTakenPort = settings(data, taken.getLocalPort(), NetworkTransport.AUTO);
            assertThatThrownBy(() -> RunningQuell.start(onTakenPort))
                    .isInstanceOf(StartupRefused.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .hasMessageContaining("in use");
        }
        try (RunningQuell quell = RunningQuell.start(settings(data, NetworkTransport.AUTO))) {
            assertThat(quell.push(TRIGGER).status()).isEqualTo(200);
        }
    }

    @Test
    void anUnknownTransportIsRefusedBeforeAnythingStarts(@TempDir Path data) {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err, true))
                .execute("serve", "--data", data.toString(), "--transport", "epoll");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--transport must be auto, io_uring or nio, not epoll");
        assertThat(data).isEmptyDirectory();
    }
}
