package dev.runnel.system.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kept self-signed certificate: what it names, how long it serves, when it is reused and when made anew. */
class CertificateStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void issuesACertificateForTheLoopbackNamesTheHostAndTheConfiguredNames() throws Exception {
        CertificateStore.Kept kept =
                new CertificateStore(dir).loadOrIssue(List.of("runnel.example", "10.1.2.3", "[fd00::5]"), NOW);

        assertThat(kept.issued()).isTrue();
        assertThat(kept.certificateFile()).isEqualTo(dir.resolve("runnel.crt"));
        assertThat(kept.keyFile()).isEqualTo(dir.resolve("runnel.key"));
        X509Certificate certificate = read(kept.certificateFile());
        List<String> names = certificate.getSubjectAlternativeNames().stream()
                .map(entry -> (String) entry.get(1))
                .toList();
        assertThat(names)
                .contains(
                        "localhost",
                        "127.0.0.1",
                        "0:0:0:0:0:0:0:1",
                        "runnel.example",
                        "10.1.2.3",
                        "fd00:0:0:0:0:0:0:5");
        assertThat(CertificateNames.covers(certificate, List.of("LOCALHOST", "::1", "fd00::5", "runnel.example")))
                .isTrue();
        assertThat(certificate.getNotBefore().toInstant()).isBefore(NOW);
        assertThat(certificate.getNotAfter().toInstant())
                .isEqualTo(kept.notAfter())
                .isAfter(NOW.plus(Duration.ofDays(800)));
        assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        certificate.verify(certificate.getPublicKey()); // self-signed
        assertThat(Files.readString(kept.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertKeyMatches(kept.keyFile(), certificate);
    }

    @Test
    void theKeyIsReadableByItsOwnerOnly() throws Exception {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        CertificateStore.Kept kept = new CertificateStore(dir).loadOrIssue(List.of(), NOW);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.keyFile())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.certificateFile())))
                .startsWith("rw-");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("runnel.crt", "runnel.key", ".lock");
        }
    }

    @Test
    void aLaterStartReusesTheKeptCertificateUnchanged() throws Exception {
        CertificateStore store = new CertificateStore(dir);
        store.loadOrIssue(List.of("runnel.example"), NOW);
        byte[] certificate = Files.readAllBytes(store.certificateFile());
        byte[] key = Files.readAllBytes(store.keyFile());

        CertificateStore.Kept again =
                new CertificateStore(dir).loadOrIssue(List.of("Runnel.Example"), NOW.plus(Duration.ofDays(700)));

        assertThat(again.issued()).isFalse();
        assertThat(Files.readAllBytes(store.certificateFile())).isEqualTo(certificate);
        assertThat(Files.readAllBytes(store.keyFile())).isEqualTo(key);
    }

    @Test
    void aCertificateThatExpiresWithinThirtyDaysIsMadeAnew() throws Exception {
        CertificateStore store = new CertificateStore(dir);
        Instant notAfter = store.loadOrIssue(List.of(), NOW).notAfter();

        assertThat(store.loadOrIssue(List.of(), notAfter.minus(Duration.ofDays(31)))
                        .issued())
                .isFalse();
        Instant late = notAfter.minus(Duration.ofDays(29));
        CertificateStore.Kept renewed = store.loadOrIssue(List.of(), late);

        assertThat(renewed.issued()).isTrue();
        assertThat(renewed.notAfter()).isAfter(late.plus(Duration.ofDays(800)));
        assertKeyMatches(renewed.keyFile(), read(renewed.certificateFile()));
    }

    @Test
    void aMissingOrUnreadableFileOrAMissingNameMakesItAnew() throws Exception {
        CertificateStore store = new CertificateStore(dir);
        store.loadOrIssue(List.of(), NOW);

        Files.delete(store.keyFile());
        assertThat(store.loadOrIssue(List.of(), NOW).issued()).as("key missing").isTrue();

        Files.writeString(store.certificateFile(), "not a certificate", StandardCharsets.US_ASCII);
        CertificateStore.Kept remade = store.loadOrIssue(List.of(), NOW);
        assertThat(remade.issued()).as("certificate unreadable").isTrue();
        assertKeyMatches(remade.keyFile(), read(remade.certificateFile()));

        Files.delete(store.certificateFile());
        assertThat(store.loadOrIssue(List.of(), NOW).issued())
                .as("certificate missing")
                .isTrue();

        assertThat(store.loadOrIssue(List.of("added.example"), NOW).issued())
                .as("a configured name it lacks")
                .isTrue();
        assertThat(store.loadOrIssue(List.of("added.example"), NOW).issued()).isFalse();
        assertThat(store.loadOrIssue(List.of(), NOW).issued()).as("fewer names").isFalse();
    }

    @Test
    void aDirectoryThatDoesNotExistYetIsMade() throws Exception {
        CertificateStore.Kept kept = new CertificateStore(dir.resolve("a/b")).loadOrIssue(List.of(), NOW);

        assertThat(kept.certificateFile()).isRegularFile();
    }

    private static X509Certificate read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The kept key, read as Tomcat and the JDK read PEM PKCS #8, signs what the certificate's public key verifies. */
    private static void assertKeyMatches(Path keyFile, X509Certificate certificate) throws Exception {
        String pem = Files.readString(keyFile)
                .replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).as("key matches certificate").isTrue();
    }
}
