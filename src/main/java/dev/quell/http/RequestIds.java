package dev.quell.http;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids: 32 lower-case hex digits, 16 random per process then a counter, so they never repeat within a
 * process and practically never across processes, without a random draw per request.
 */
public final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final String processPrefix;
    private final AtomicLong counter;

    public RequestIds() {
        SecureRandom random = new SecureRandom();
        processPrefix = hex(random.nextLong());
        counter = new AtomicLong(random.nextLong());
    }

    public String next() {
        return processPrefix + hex(counter.getAndIncrement());
    }

    private static String hex(long value) {
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(out);
    }
}
