package dev.quell.store.sqlite;

import dev.quell.store.StoreException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Forces a SQLite database's write-ahead log to disk, from a descriptor of its own: every frame written before the
 * call is on disk when it returns, whichever connection wrote it (a sync flushes the file, not the descriptor).
 * SQLite keeps the log file while any connection is open, truncating and reusing it in place, so the descriptor
 * stays valid; it is opened at the first sync, once a commit has created the file, and the directory is synced
 * then too, so that the file's entry survives as well.
 */
final class WalSync implements AutoCloseable {
    private final Path directory;
    private final Path wal;
    private FileChannel channel;

    WalSync(Path directory, String databaseFileName) {
        this.directory = directory.toAbsolutePath();
        this.wal = this.directory.resolve(databaseFileName + "-wal");
    }

    /** Every WAL frame written so far is on disk when this returns. */
    synchronized void force() {
        try {
            if (channel == null) {
                try {
                    channel = FileChannel.open(wal, StandardOpenOption.READ);
                } catch (NoSuchFileException noCommitYet) {
                    return;
                }
                try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
                    entries.force(true);
                }
            }
            channel.force(false);
        } catch (IOException e) {
            throw new StoreException("cannot sync " + wal + " to disk: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing on the way out: the last sync already answered for what it covered
            }
            channel = null;
        }
    }
}
