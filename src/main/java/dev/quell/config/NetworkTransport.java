package dev.quell.config;

import java.util.Locale;

/**
 * How the HTTP server does its socket I/O ({@code --transport}). io_uring hands the kernel many reads and writes per
 * system call: it cost 0.5-9 µs less server CPU per push than NIO in every pair of bench/push-load.sh runs
 * (bench/README.md). NIO works everywhere, including containers whose seccomp profile blocks io_uring (Docker's and
 * Kubernetes' defaults do), and non-x86-64 machines (Quell ships io_uring's native library for x86-64 only).
 */
public enum NetworkTransport {
    /** io_uring where the kernel and the sandbox allow it, else NIO. */
    AUTO,
    /** io_uring only: the server refuses to start without it. */
    IO_URING,
    /** Java NIO (epoll underneath on Linux). */
    NIO;

    /** The flag's spelling: {@code auto}, {@code io_uring} or {@code nio}. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NetworkTransport fromFlag(String value) {
        for (NetworkTransport transport : values()) {
            if (transport.flagValue().equals(value)) {
                return transport;
            }
        }
        throw new IllegalArgumentException("--transport must be auto, io_uring or nio, not " + value);
    }
}
