package dev.runnel.system.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A directory that keeps one self-signed server certificate ({@value #CERTIFICATE_FILE}, PEM) and its private key
 * ({@value #KEY_FILE}, PEM PKCS #8, readable by its owner only where the file system has POSIX permissions), so that
 * clients trust it once and later starts serve the same one. {@link #loadOrIssue} reuses the kept pair unless a file
 * is missing or unreadable, the certificate expires within {@link #RENEW_BEFORE}, or it lacks a required name; then
 * it issues a new pair ({@link SelfSignedCertificate}). Reuse reads the certificate with the JDK alone.
 *
 * <p>Thread-safe, and safe between processes sharing the directory: the check and the issue happen under a file
 * lock ({@value #LOCK_FILE}), and each file is replaced by an atomic move, the key before the certificate.
 */
public final class CertificateStore {

    public static final String CERTIFICATE_FILE = "runnel.crt";
    public static final String KEY_FILE = "runnel.key";
    static final String LOCK_FILE = ".lock";

    /** A kept certificate this close to its end is replaced. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final Path dir;

    public CertificateStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    /** Where the certificate is kept: the file clients trust. */
    public Path certificateFile() {
        return dir.resolve(CERTIFICATE_FILE);
    }

    /** Where the private key is kept. */
    public Path keyFile() {
        return dir.resolve(KEY_FILE);
    }

    /**
     * The kept certificate if it is usable at {@code now} and names every one of {@code requiredNames}, else a new
     * one kept in its place (naming the loopback names, the host name and {@code requiredNames}).
     *
     * @throws IOException when the directory or its files cannot be created or written
     */
    public Kept loadOrIssue(List<String> requiredNames, Instant now) throws IOException {
        synchronized (CertificateStore.class) { // a file lock is held per JVM, not per thread
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(
                            dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                X509Certificate kept = usable(requiredNames, now);
                if (kept != null) {
                    return new Kept(
                            certificateFile(), keyFile(), kept.getNotAfter().toInstant(), false);
                }
                SelfSignedCertificate.Issued issued =
                        SelfSignedCertificate.issue(CertificateNames.forNewCertificate(requiredNames), now);
                write(keyFile(), pem("PRIVATE KEY", issued.keys().getPrivate().getEncoded()), true);
                write(certificateFile(), pem("CERTIFICATE", encoded(issued.certificate())), false);
                return new Kept(
                        certificateFile(),
                        keyFile(),
                        issued.certificate().getNotAfter().toInstant(),
                        true);
            }
        }
    }

    /** The kept certificate, or null when a file is missing or unreadable, or the certificate no longer serves. */
    X509Certificate usable(List<String> requiredNames, Instant now) {
        if (!Files.isReadable(keyFile()) || !Files.isRegularFile(keyFile())) {
            return null;
        }
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(certificateFile())) {
            certificate =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException | ClassCastException unreadable) {
            return null;
        }
        boolean current = !now.isBefore(certificate.getNotBefore().toInstant())
                && now.plus(RENEW_BEFORE).isBefore(certificate.getNotAfter().toInstant());
        return current && CertificateNames.covers(certificate, requiredNames) ? certificate : null;
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encoding the new certificate failed", e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Replaces {@code file} by an atomic move of a new file (owner-only when {@code secret}), never half-written. */
    private void write(Path file, String text, boolean secret) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"))
                }
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", attributes);
        try {
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The certificate and key files a server is to use.
     *
     * @param notAfter when the certificate expires
     * @param issued whether it was issued by this call (rather than kept from an earlier start)
     */
    public record Kept(Path certificateFile, Path keyFile, Instant notAfter, boolean issued) {}
}
