package dev.quell.console;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed sign-ins within {@value #WINDOW_SECONDS} seconds for
 * one user name, or from one address, further attempts for it are refused (without checking the password) until the
 * oldest failure leaves the window. A success clears the name's failures.
 */
public final class SignInThrottle {
    static final int MAX_FAILURES = 5;
    static final long WINDOW_SECONDS = 15 * 60;
    /** Beyond this many tracked names and addresses, stale ones are dropped first, so a flood cannot fill memory. */
    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public SignInThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** Seconds until {@code key} may try again; 0 when it may now. */
    public long retryAfter(String key) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            long now = clock.getAsLong();
            dropOld(times, now);
            return times.size() < MAX_FAILURES ? 0 : Math.max(1, times.peekFirst() + WINDOW_SECONDS - now);
        }
    }

    public void failed(String key) {
        if (failures.size() >= MAX_TRACKED) {
            long now = clock.getAsLong();
            failures.values().removeIf(times -> {
                synchronized (times) {
                    dropOld(times, now);
                    return times.isEmpty();
                }
            });
        }
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.getAsLong());
        }
    }

    public void succeeded(String key) {
        failures.remove(key);
    }

    private static void dropOld(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_SECONDS) {
            times.removeFirst();
        }
    }
}
