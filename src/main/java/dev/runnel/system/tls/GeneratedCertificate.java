package dev.runnel.system.tls;

import dev.runnel.settings.Https;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-signed certificate Runnel serves when none is configured: kept in {@code runnel.https.dir}, or, with no
 * directory configured and the default one not writable (a user without a home directory), in
 * {@code runnel-tls-<user>} under {@code java.io.tmpdir}, with a warning, unless another user owns that directory.
 */
final class GeneratedCertificate {

    private static final Logger log = LoggerFactory.getLogger(GeneratedCertificate.class);

    private GeneratedCertificate() {}

    static ServerCertificate.Pem keptIn(Https https, Instant now) {
        CertificateStore store = new CertificateStore(https.dirOrDefault());
        try {
            return pem(store.loadOrIssue(https.hostnames(), now));
        } catch (IOException | RuntimeException e) {
            if (https.dir() != null) {
                throw cannotKeep(store, e);
            }
            CertificateStore fallback = new CertificateStore(
                    Path.of(System.getProperty("java.io.tmpdir"), "runnel-tls-" + System.getProperty("user.name")));
            log.warn(
                    "Cannot keep the HTTPS certificate in {} ({}); keeping it in {} instead (set runnel.https.dir"
                            + " to choose)",
                    store.dir(),
                    e.toString(),
                    fallback.dir());
            try {
                Files.createDirectories(fallback.dir());
                if (!ownedByThisUser(fallback.dir())) {
                    throw new IOException(fallback.dir() + " belongs to another user"); // a shared temporary directory
                }
                return pem(fallback.loadOrIssue(https.hostnames(), now));
            } catch (IOException | RuntimeException again) {
                throw cannotKeep(fallback, again);
            }
        }
    }

    /** Whether {@code dir} belongs to the user this JVM runs as (compared by a file this JVM creates). */
    private static boolean ownedByThisUser(Path dir) throws IOException {
        Path probe = Files.createTempFile("runnel-owner", ".tmp");
        try {
            return Files.getOwner(dir).equals(Files.getOwner(probe));
        } finally {
            Files.delete(probe);
        }
    }

    private static ServerCertificate.Pem pem(CertificateStore.Kept kept) {
        if (kept.issued()) {
            log.info(
                    "Made a self-signed HTTPS certificate, valid until {}: {}",
                    kept.notAfter(),
                    kept.certificateFile());
        }
        return new ServerCertificate.Pem(kept.certificateFile(), kept.keyFile(), true);
    }

    private static HttpsSetupException cannotKeep(CertificateStore store, Exception e) {
        return new HttpsSetupException(
                "Cannot keep the HTTPS port's generated certificate in " + store.dir() + ": " + e + ".",
                "Set runnel.https.dir to a directory this user can write, configure a certificate"
                        + " (runnel.https.certificate and private-key, or key-store), or turn HTTPS off"
                        + " (runnel.https.enabled=false).",
                e);
    }
}
