package org.dcsuite.simulator.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.dcsuite.core.config.Secret;

/**
 * The bearer token of the control API: random per simulator start, handed to clients through a file only its
 * owner can read, so it never appears in output, logs or process lists.
 */
public final class SimControlToken {

    /**
     * Where {@code dcsuite simulate} writes the token and its fault commands read it unless told otherwise:
     * {@code ~/.dcsuite/simulator-control.token}. The home folder rather than the shared temp folder, so another
     * user cannot plant the file or the folder first.
     */
    public static final Path DEFAULT_FILE = Path.of(System.getProperty("user.home"), ".dcsuite",
            "simulator-control.token");

    /** 256 bits, URL-safe, so the token fits an HTTP header as is. */
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SimControlToken() {
    }

    /** A new random token. */
    public static Secret generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * Writes the token readable by its owner only (0600 where the file system has POSIX permissions), replacing an
     * earlier token atomically, and creates missing folders owner-only too.
     */
    public static void write(Path file, Secret token) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, posix ? perms("rwx------") : new FileAttribute<?>[0]);
            } catch (FileAlreadyExistsException e) {
                // Created concurrently; writing the file below reports a real problem.
            }
        }
        // The token is written to a new owner-only file first, so it is never readable by others, not even briefly.
        Path tmp = posix ? Files.createTempFile(dir, ".control-", ".tmp", perms("rw-------"))
                : Files.createTempFile(dir, ".control-", ".tmp");
        try {
            Files.writeString(tmp, token.reveal() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a token file written by {@link #write}. */
    public static Secret read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            throw new IOException("token file " + file + " is empty");
        }
        return Secret.of(text);
    }

    private static FileAttribute<?>[] perms(String spec) {
        Set<PosixFilePermission> p = PosixFilePermissions.fromString(spec);
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(p)};
    }
}
