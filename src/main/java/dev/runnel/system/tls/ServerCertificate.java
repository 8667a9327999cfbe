package dev.runnel.system.tls;

import dev.runnel.settings.Https;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * The certificate the HTTPS port serves, as Tomcat reads it when the port opens: PEM files (configured, or kept by
 * a {@link CertificateStore}) or a PKCS #12 key store.
 */
public sealed interface ServerCertificate {

    /** Describes the certificate for the start-up log line: which file a client is to trust, or where it comes from. */
    String describe();

    /** Makes {@code host} serve this certificate. */
    void configure(SSLHostConfig host);

    /**
     * The certificate {@code https} configures, or else the generated one: kept in {@code https.dir}, or (with no
     * {@code dir} configured and the default one not writable) in a directory under {@code java.io.tmpdir}.
     *
     * @throws HttpsSetupException when a configured file cannot be read, or no certificate can be kept
     */
    static ServerCertificate of(Https https, Instant now) {
        if (https.keyStore() != null) {
            readable(https.keyStore(), "runnel.https.key-store");
            return new KeyStore(https.keyStore().toAbsolutePath(), https.keyStorePassword());
        }
        if (https.certificate() != null) {
            readable(https.certificate(), "runnel.https.certificate");
            readable(https.privateKey(), "runnel.https.private-key");
            return new Pem(
                    https.certificate().toAbsolutePath(), https.privateKey().toAbsolutePath(), false);
        }
        return GeneratedCertificate.keptIn(https, now);
    }

    private static void readable(Path file, String setting) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new HttpsSetupException(
                    "The file " + file.toAbsolutePath() + " (" + setting + ") does not exist or cannot be read.",
                    "Point " + setting + " at a readable file, or remove runnel.https.certificate, private-key and"
                            + " key-store to have a certificate generated.",
                    null);
        }
    }

    /**
     * PEM files: a certificate (chain) and its private key.
     *
     * @param generated whether Runnel made it (so clients must be told to trust it)
     */
    record Pem(Path certificate, Path privateKey, boolean generated) implements ServerCertificate {
        @Override
        public String describe() {
            return generated
                    ? "a self-signed certificate; clients trust it through " + certificate
                            + " (e.g. AWS_CA_BUNDLE, NODE_EXTRA_CA_CERTS, curl --cacert)"
                    : "the certificate " + certificate;
        }

        @Override
        public void configure(SSLHostConfig host) {
            SSLHostConfigCertificate served =
                    new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
            served.setCertificateFile(certificate.toString());
            served.setCertificateKeyFile(privateKey.toString());
            host.addCertificate(served);
        }
    }

    /** A PKCS #12 key store holding the private key and its certificate. */
    record KeyStore(Path file, String password) implements ServerCertificate {
        @Override
        public String describe() {
            return "the key store " + file;
        }

        @Override
        public void configure(SSLHostConfig host) {
            SSLHostConfigCertificate served =
                    new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
            served.setCertificateKeystoreFile(file.toString());
            served.setCertificateKeystorePassword(password);
            served.setCertificateKeystoreType("PKCS12");
            host.addCertificate(served);
        }

        @Override
        public String toString() {
            return "KeyStore[file=" + file + ", password=(hidden)]";
        }
    }
}
