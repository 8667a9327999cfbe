package dev.runnel.system.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a generated certificate is made out to, and whether a certificate names them: DNS names compare
 * without regard to case, IP addresses by value ({@code ::1} equals {@code 0:0:0:0:0:0:0:1}). Never resolves a
 * name through DNS.
 */
final class CertificateNames {

    /** What every generated certificate names: the loopback names clients use. */
    static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private CertificateNames() {}

    /**
     * The loopback names, the machine's host name (when it has one that is not {@code localhost}), then
     * {@code extra}, without repeats. Looking up the host name can take a moment: call this only to issue a
     * certificate.
     */
    static List<String> forNewCertificate(List<String> extra) {
        Set<String> names = new LinkedHashSet<>(LOOPBACK);
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (host != null && !host.isBlank() && !host.equalsIgnoreCase("localhost")) {
                names.add(host);
            }
        } catch (UnknownHostException unnamed) {
            // a machine without a resolvable name: the loopback names and the configured ones
        }
        for (String name : extra) {
            names.add(name.strip());
        }
        return List.copyOf(names);
    }

    /** Whether the certificate's subject alternative names include every one of {@code names}. */
    static boolean covers(X509Certificate certificate, List<String> names) {
        Collection<List<?>> entries;
        try {
            entries = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException unreadable) {
            return false;
        }
        if (entries == null) {
            return names.isEmpty();
        }
        Set<String> present = new LinkedHashSet<>();
        for (List<?> entry : entries) {
            int type = (Integer) entry.get(0);
            if (type == DNS_NAME || type == IP_ADDRESS) {
                present.add(normalized((String) entry.get(1)));
            }
        }
        return names.stream().map(CertificateNames::normalized).allMatch(present::contains);
    }

    /** Whether {@code name} is an IPv4 or IPv6 address literal (IPv6 possibly in brackets). */
    static boolean isIpLiteral(String name) {
        return IPV4.matcher(name).matches() || name.contains(":");
    }

    /** An IPv6 literal without its brackets and zone; other names as they are. */
    static String unbracketed(String name) {
        String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        int zone = bare.indexOf('%');
        return zone >= 0 ? bare.substring(0, zone) : bare;
    }

    private static String normalized(String name) {
        String stripped = name.strip();
        if (isIpLiteral(stripped)) {
            try {
                return InetAddress.getByName(unbracketed(stripped)).getHostAddress();
            } catch (UnknownHostException notAnAddress) {
                return stripped;
            }
        }
        return stripped.toLowerCase(Locale.ROOT);
    }
}
