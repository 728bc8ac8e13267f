package dev.quell.console;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in throttling on a clock the test moves. */
class SignInThrottleTest {
    private final AtomicLong now = new AtomicLong(5_000_000);
    private final SignInThrottle throttle = new SignInThrottle(now::get);

    private void fail(String key, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(key);
        }
    }

    @Test
    void theFifthFailureInTheWindowMakesTheKeyWaitForTheOldestToLeaveIt() {
        fail("user:alice", SignInThrottle.MAX_FAILURES - 1);
        assertThat(throttle.retryAfter("user:alice")).isZero();
        throttle.failed("user:alice");
        assertThat(throttle.retryAfter("user:alice")).isEqualTo(SignInThrottle.WINDOW_SECONDS);
        now.addAndGet(100);
        assertThat(throttle.retryAfter("user:alice")).isEqualTo(SignInThrottle.WINDOW_SECONDS - 100);
        now.addAndGet(SignInThrottle.WINDOW_SECONDS - 101);
        assertThat(throttle.retryAfter("user:alice")).isEqualTo(1);
        now.incrementAndGet();
        assertThat(throttle.retryAfter("user:alice")).isZero();
    }

    @Test
    void failuresSpreadOverTheWindowCountOnlyWhileInsideIt() {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            throttle.failed("addr:10.0.0.1");
            now.addAndGet(60);
        }
        long sinceFirst = 60L * SignInThrottle.MAX_FAILURES;
        assertThat(throttle.retryAfter("addr:10.0.0.1")).isEqualTo(SignInThrottle.WINDOW_SECONDS - sinceFirst);
        now.addAndGet(SignInThrottle.WINDOW_SECONDS - sinceFirst);
        assertThat(throttle.retryAfter("addr:10.0.0.1")).as("the first failure has left the window").isZero();
        throttle.failed("addr:10.0.0.1");
        assertThat(throttle.retryAfter("addr:10.0.0.1")).as("five inside the window again").isPositive();
    }

    @Test
    void aSuccessClearsTheKeysFailures() {
        fail("user:alice", SignInThrottle.MAX_FAILURES - 1);
        throttle.succeeded("user:alice");
        fail("user:alice", SignInThrottle.MAX_FAILURES - 1);
        assertThat(throttle.retryAfter("user:alice")).isZero();
        throttle.failed("user:alice");
        assertThat(throttle.retryAfter("user:alice")).isPositive();
        throttle.succeeded("user:alice");
        assertThat(throttle.retryAfter("user:alice")).isZero();
    }

    @Test
    void keysAreCountedApart() {
        fail("user:alice", SignInThrottle.MAX_FAILURES);
        assertThat(throttle.retryAfter("user:alice")).isPositive();
        assertThat(throttle.retryAfter("user:bob")).isZero();
        assertThat(throttle.retryAfter("addr:10.0.0.1")).isZero();
    }
}
