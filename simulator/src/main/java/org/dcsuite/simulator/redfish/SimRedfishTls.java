package org.dcsuite.simulator.redfish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, as BMCs ship out of the box, made once
 * with the JDK's {@code keytool} (the JDK has no public API to issue certificates, and the simulator takes no
 * new dependency for it). One instance can serve every simulated BMC; clients trust it with
 * {@code redfish.pin_sha256} = {@link #sha256Fingerprint()}, {@code redfish.ca_file} or {@code curl --cacert}
 * with {@link #pem()}.
 */
public final class SimRedfishTls {

    private static final String ALIAS = "bmc";

    private final SSLContext context;
    private final X509Certificate certificate;
    private final String pem;

    private SimRedfishTls(SSLContext context, X509Certificate certificate, String pem) {
        this.context = context;
        this.certificate = certificate;
        this.pem = pem;
    }

    /** Generates a fresh EC P-256 key and certificate valid for 30 days; takes about a second (keytool). */
    public static SimRedfishTls selfSigned() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sim-redfish-tls");
            Path store = dir.resolve("bmc.p12");
            // A throwaway password: the key store lives only until it is loaded below.
            char[] storePass = HexFormat.of().formatHex(new SecureRandom().generateSeed(12)).toCharArray();
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(List.of(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost, O=dcsuite simulator", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity", "30", "-keystore", store.toString(), "-storepass", new String(storePass),
                    "-storetype", "PKCS12"));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, storePass);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, storePass);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return new SimRedfishTls(context, cert, pem);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the simulator's self-signed certificate: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the self-signed certificate", e);
        } finally {
            delete(dir);
        }
    }

    /** For {@link SimRedfishServer.Builder#tls(SSLContext)}. */
    public SSLContext sslContext() {
        return context;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM, for {@code curl --cacert} or {@code redfish.ca_file}. */
    public String pem() {
        return pem;
    }

    /** SHA-256 of the certificate as {@code openssl x509 -fingerprint -sha256} writes it (AB:CD:...). */
    public String sha256Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            // The command line holds the throwaway store password only; it is not worth anything once we fail.
            throw new IOException("keytool failed: " + output.strip());
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless; the key in it is never used again.
        }
    }
}
