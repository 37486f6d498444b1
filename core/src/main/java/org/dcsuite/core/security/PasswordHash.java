package org.dcsuite.core.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password hash in the form {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in unpadded base64): PBKDF2
 * with HMAC-SHA-256, which the JDK implements, so configuration files can hold hashes without another library.
 * Verification takes constant time in the hash comparison.
 */
public final class PasswordHash {

    /** The scheme prefix of every hash. */
    public static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Hashes with fewer iterations are rejected as too weak. */
    public static final int MIN_ITERATIONS = 100_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * Parses a stored hash.
     *
     * @throws IllegalArgumentException naming what is wrong (never echoing the text, which is sensitive)
     */
    public static PasswordHash parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a password hash: expected " + SCHEME
                    + "$ITERATIONS$SALT$HASH (create one with 'dcsuite hash-password')");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("password hash: iterations must be an integer");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("password hash: " + iterations + " iterations is too weak; use at least "
                    + MIN_ITERATIONS);
        }
        try {
            byte[] salt = B64D.decode(parts[2]);
            byte[] hash = B64D.decode(parts[3]);
            if (salt.length < 8 || hash.length != HASH_BITS / 8) {
                throw new IllegalArgumentException("password hash: salt or hash has the wrong length");
            }
            return new PasswordHash(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("password hash:")) {
                throw e;
            }
            throw new IllegalArgumentException("password hash: salt and hash must be base64");
        }
    }

    /** Hashes a new password with a random salt and {@link #DEFAULT_ITERATIONS}. */
    public static PasswordHash create(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return new PasswordHash(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS));
    }

    /** Whether the password matches. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    /** The storable form. */
    public String encoded() {
        return SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Never the hash itself: it would help an offline attack. */
    @Override
    public String toString() {
        return SCHEME + "(" + iterations + " iterations)";
    }
}
