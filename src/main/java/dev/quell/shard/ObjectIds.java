package dev.quell.shard;

import dev.quell.engine.IdSource;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ObjectID-shaped ids (24 hex digits): 4 bytes of Unix seconds, 5 random bytes chosen once per process, and a
 * 3-byte counter. Ids sort by creation second, which keeps the stores' primary-key B-trees append-mostly.
 */
public final class ObjectIds implements IdSource {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final byte[] processPart = new byte[5];
    private final AtomicInteger counter;

    public ObjectIds() {
        SecureRandom random = new SecureRandom();
        random.nextBytes(processPart);
        counter = new AtomicInteger(random.nextInt(1 << 24));
    }

    @Override
    public String nextId(long nowSeconds) {
        int count = counter.getAndIncrement() & 0xFFFFFF;
        char[] out = new char[24];
        putHex(out, 0, nowSeconds, 4);
        for (int i = 0; i < 5; i++) {
            out[8 + 2 * i] = HEX[(processPart[i] >> 4) & 0xF];
            out[9 + 2 * i] = HEX[processPart[i] & 0xF];
        }
        putHex(out, 18, count, 3);
        return new String(out);
    }

    private static void putHex(char[] out, int at, long value, int bytes) {
        for (int i = bytes * 2 - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
