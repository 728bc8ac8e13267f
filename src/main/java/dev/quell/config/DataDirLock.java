package dev.quell.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per data directory. Two on one database would each keep their own open alerts and incidents in memory
 * and both write: the same alert_key opened twice, counters that disagree. The lock is the operating system's, on
 * {@code <data>/quell.lock}, so it ends with the process that holds it, even a killed one, and never goes stale.
 * {@code quell user} does not take it: it only touches console accounts, which the server reads from the store.
 */
public final class DataDirLock implements AutoCloseable {
    public static final String FILE_NAME = "quell.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the data directory (creating it if needed), or refuses naming the process that has it. */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                    throw new StartupRefused("another Quell" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                            + " is serving from " + dataDir.toAbsolutePath()
                            + "; stop it, or give this one its own --data");
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                        .getBytes(StandardCharsets.UTF_8)), 0);
                return new DataDirLock(channel, lock);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** The lock, or null when another process, or another server in this one, holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + FILE_NAME, e);
        }
    }
}
