package dev.runnel.system.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a self-signed TLS server certificate with Bouncy Castle: an EC P-256 key (fast to make and to handshake
 * with, accepted by OpenSSL, Java and Node clients), signed with SHA-256, naming its host names and IP addresses as
 * subject alternative names (what clients verify), for server authentication only. It is its own issuer, so a
 * client trusts it by trusting the certificate itself. The only class that uses Bouncy Castle: a start that reuses a
 * kept certificate never loads it.
 */
final class SelfSignedCertificate {

    /** How long a certificate is valid: at most 825 days, the longest some clients (Apple's) accept. */
    static final Duration LIFETIME = Duration.ofDays(825);

    private static final Duration BACKDATED = Duration.ofHours(1);

    private SelfSignedCertificate() {}

    /**
     * A new key pair and a certificate for it, valid from an hour before {@code now} (clocks differ) for
     * {@link #LIFETIME}.
     *
     * @param names DNS names and IP address literals, at least one; the first becomes the subject's common name
     */
    static Issued issue(List<String> names, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + names.get(0) + ",O=Runnel (self-signed)");
            BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            subject,
                            serial,
                            Date.from(now.minus(BACKDATED)),
                            Date.from(now.plus(LIFETIME)),
                            subject,
                            keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new Issued(certificate, keys);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("making a self-signed certificate failed: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(List<String> names) {
        List<GeneralName> all = new ArrayList<>();
        for (String name : names) {
            all.add(
                    CertificateNames.isIpLiteral(name)
                            ? new GeneralName(GeneralName.iPAddress, ipAddress(name))
                            : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(all.toArray(GeneralName[]::new));
    }

    /** The address in the text form Bouncy Castle encodes (no brackets, no zone). */
    private static String ipAddress(String literal) {
        try {
            return InetAddress.getByName(CertificateNames.unbracketed(literal)).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    /** A certificate and the key pair it certifies. */
    record Issued(X509Certificate certificate, KeyPair keys) {}
}
