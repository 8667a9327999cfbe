package dev.runnel.settings;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTPS port, under {@code runnel.https.*}: TLS with HTTP/2 (ALPN {@code h2}) and HTTP/1.1, beside the plain
 * port ({@code server.port}). Its certificate is either configured, as PEM files ({@code certificate} and
 * {@code privateKey}) or as a PKCS #12 key store ({@code keyStore} and {@code keyStorePassword}), or else generated
 * (self-signed) on the first start and kept in {@code dir} for later starts.
 *
 * @param enabled whether the HTTPS port is opened at all
 * @param port the HTTPS port; 0 for any free port
 * @param certificate a PEM file with the server's certificate (and its chain, if any), with {@code privateKey}
 * @param privateKey a PEM file with the certificate's unencrypted private key (PKCS #8, or PKCS #1 / SEC 1)
 * @param keyStore a PKCS #12 file with the private key and its certificate, with {@code keyStorePassword}
 * @param keyStorePassword the password of {@code keyStore}
 * @param dir where the generated certificate ({@code runnel.crt}) and its key ({@code runnel.key}) are kept; empty
 *     for {@link #DEFAULT_DIR} under the user's home directory
 * @param hostnames DNS names or IP addresses the generated certificate names besides {@code localhost},
 *     {@code 127.0.0.1}, {@code ::1} and the machine's host name; a kept certificate that lacks one is made anew
 */
public record Https(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4568") @Min(0) @Max(65535) int port,
        Path certificate,
        Path privateKey,
        Path keyStore,
        String keyStorePassword,
        Path dir,
        List<@NotBlank String> hostnames) {

    /** The generated certificate's directory under the user's home directory when {@code dir} is not set. */
    public static final String DEFAULT_DIR = ".runnel/tls";

    public static final Https DEFAULTS = new Https(true, 4568, null, null, null, null, null, List.of());

    public Https {
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    }

    /** The directory for the generated certificate: {@code dir}, or {@link #DEFAULT_DIR} in the user's home. */
    public Path dirOrDefault() {
        return dir != null ? dir : Path.of(System.getProperty("user.home"), DEFAULT_DIR);
    }

    @AssertTrue(
            message = "runnel.https.certificate and runnel.https.private-key go together: give both PEM files, or"
                    + " neither (then a certificate is generated)")
    boolean isPemPairComplete() {
        return (certificate == null) == (privateKey == null);
    }

    @AssertTrue(
            message = "runnel.https.key-store and runnel.https.key-store-password go together: give both, or neither")
    boolean isKeyStoreComplete() {
        return (keyStore == null) == (keyStorePassword == null);
    }

    @AssertTrue(
            message = "give the certificate either as PEM files (runnel.https.certificate and private-key) or as a"
                    + " key store (runnel.https.key-store), not both")
    boolean isOneCertificateSource() {
        return keyStore == null || (certificate == null && privateKey == null);
    }
}
