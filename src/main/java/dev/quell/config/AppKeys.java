package dev.quell.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The Open API key: {@code QUELL_APP_KEY} when set; otherwise the one kept in {@code <data>/app_key}, created on
 * first start readable by its owner only.
 */
public final class AppKeys {
    public static final String FILE_NAME = "app_key";

    private AppKeys() {
    }

    /** The key, and whether it was created just now (then it is shown once). */
    public record Resolved(String key, boolean created) {
    }

    public static Resolved resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return new Resolved(configured.trim(), false);
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new Resolved(Files.readString(file, StandardCharsets.UTF_8).trim(), false);
            }
            Files.createDirectories(dataDir);
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            String key = HexFormat.of().formatHex(bytes);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException raced) {
                return new Resolved(Files.readString(file, StandardCharsets.UTF_8).trim(), false);
            }
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            return new Resolved(key, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the app key in " + file, e);
        }
    }
}
