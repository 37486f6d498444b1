package org.dcsuite.app.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.dcsuite.core.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API token used when the configuration lists none: 32 random bytes, created on first start in a file
 * only its owner can read, and reused on later starts so scripts and Grafana keep working.
 */
public final class ApiTokenFile {

    /** The file name, next to the embedded store's database. */
    public static final String FILE_NAME = "api-token";

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenFile.class);
    private static final int TOKEN_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ApiTokenFile() {
    }

    /**
     * Reads the token from {@code file}, creating the file with a new random token (permissions 600) when it
     * does not exist.
     *
     * @throws UncheckedIOException naming the file when it cannot be read or written
     * @throws IllegalStateException when the file exists but is empty
     */
    public static Secret loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            warnIfOthersCanRead(file);
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IllegalStateException("the API token file " + file + " is empty: delete it to get a new token");
            }
            return Secret.of(token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the API token file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void warnIfOthersCanRead(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                LOG.warn("the API token file {} is accessible by others ({}): chmod 600 it", file,
                        PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        byte[] bytes = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file);
        } catch (FileAlreadyExistsException e) {
            // A concurrent first start won the race; its token stays the one in use.
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
