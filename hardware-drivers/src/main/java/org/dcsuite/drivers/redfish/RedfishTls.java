package org.dcsuite.drivers.redfish;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.dcsuite.drivers.DeviceTarget;
import org.dcsuite.drivers.DriverErrorKind;
import org.dcsuite.drivers.DriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the TLS context for one device: the JDK's trust store by default, a CA file, a pinned leaf
 * certificate or (for labs) no verification. Pinning and insecure mode use their own
 * {@link X509ExtendedTrustManager}: JSSE then leaves endpoint identification to that trust manager, which is
 * what we want, since a pinned certificate identifies the device whatever names it carries.
 */
final class RedfishTls {

    private static final Logger LOG = LoggerFactory.getLogger(RedfishTls.class);

    private RedfishTls() {
    }

    static SSLContext context(DeviceTarget target, RedfishOptions options) {
        try {
            TrustManager trustManager;
            if (options.insecure()) {
                LOG.warn("{}: redfish.insecure=true, the BMC certificate is NOT verified; use redfish.pin_sha256 or "
                        + "redfish.ca_file outside labs", target.describe());
                trustManager = new AcceptAll();
            } else if (options.pinSha256().isPresent()) {
                trustManager = new Pinned(options.pinSha256().get());
            } else if (options.caFile().isPresent()) {
                trustManager = fromCaFile(target, options);
            } else {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new DriverException(DriverErrorKind.CONFIG, target.describe() + ": cannot set up TLS: "
                    + e.getMessage(), e);
        }
    }

    private static TrustManager fromCaFile(DeviceTarget target, RedfishOptions options)
            throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int n = 0;
        try (InputStream in = Files.newInputStream(options.caFile().get())) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, c);
            }
        } catch (IOException | CertificateException e) {
            throw new DriverException(DriverErrorKind.CONFIG, target.describe() + ": redfish.ca_file "
                    + options.caFile().get() + " is not a PEM certificate file: " + e.getMessage(), e);
        }
        if (n == 0) {
            throw new DriverException(DriverErrorKind.CONFIG, target.describe() + ": redfish.ca_file "
                    + options.caFile().get() + " holds no certificate");
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers()[0];
    }

    /** The hex SHA-256 of a certificate's DER encoding, as {@code openssl x509 -fingerprint -sha256} prints. */
    static String fingerprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new CertificateException(e);
        }
    }

    /** Server-side trust only: the driver is always the client. */
    private abstract static class ServerOnly extends X509ExtendedTrustManager {

        abstract void check(X509Certificate[] chain) throws CertificateException;

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked by a Redfish client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static final class AcceptAll extends ServerOnly {
        @Override
        void check(X509Certificate[] chain) {
            // Insecure mode by explicit choice, warned about when the session was set up.
        }
    }

    private static final class Pinned extends ServerOnly {
        private final byte[] pin;

        Pinned(byte[] pin) {
            this.pin = pin.clone();
        }

        @Override
        void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            byte[] actual;
            try {
                actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new CertificateException(e);
            }
            if (!MessageDigest.isEqual(pin, actual)) {
                throw new CertificateException("certificate pin mismatch: the server's leaf certificate has SHA-256 "
                        + fingerprint(chain[0]) + ", redfish.pin_sha256 expects "
                        + HexFormat.ofDelimiter(":").withUpperCase().formatHex(pin));
            }
        }
    }
}
