package dev.runnel.aws;

import dev.runnel.regions.RegionServices;
import dev.runnel.regions.Regions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;

/**
 * The region an AWS call (Kinesis, DynamoDB, CloudWatch) is for: the one in the SigV4 credential scope of its {@code Authorization} header
 * ({@code Credential=<key>/<date>/<region>/kinesis/aws4_request}; signatures are not checked), or the default
 * region ({@code runnel.region}) for a call that names none. A call signed for a region Runnel does not serve (see
 * {@link Regions}) is refused as AWS refuses a credential scoped to a region that does not exist, with
 * InvalidSignatureException: serving it from another region instead would put its streams, and their ARNs, where
 * the client does not look for them. Thread-safe.
 */
public final class SignedRegions {

    private static final String CREDENTIAL = "Credential=";
    /** A name short and plain enough to be quoted in the answer. */
    private static final Pattern QUOTABLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Regions regions;
    private final String served;

    /** @param defaultRegion {@code runnel.region}, named in the refusal */
    public SignedRegions(Regions regions, String defaultRegion) {
        this.regions = regions;
        this.served = " Runnel serves runnel.region (" + defaultRegion + ") and the regions of runnel.regions (by "
                + "default AWS's " + regions.served().size() + " regions).";
    }

    /** @throws Refused when the call is signed for a region Runnel does not serve */
    public RegionServices of(HttpServletRequest request) {
        String region = signedRegion(request);
        if (region == null) {
            return regions.defaultRegion();
        }
        return regions.find(region).orElseThrow(() -> new Refused(refusal(region)));
    }

    private String refusal(String region) {
        String named = QUOTABLE.matcher(region).matches()
                ? "'" + region + "'"
                : "a name of " + region.length() + " characters";
        return "Credential should be scoped to a valid region, not " + named + "." + served;
    }

    private static String signedRegion(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        return credentialRegion(authorization);
    }

    /**
     * The region of the first {@code Credential=<key>/<yyyyMMdd>/<region>/} in the header: key and region are runs of
     * characters other than {@code /}, {@code ,} and whitespace, the date eight ASCII digits; null if none. Scanned by
     * hand rather than by a regular expression: it runs on every call (about 2 % of a PutRecord's CPU time as a
     * regex).
     */
    static String credentialRegion(String authorization) {
        for (int at = authorization.indexOf(CREDENTIAL); at >= 0; at = authorization.indexOf(CREDENTIAL, at + 1)) {
            int keyEnd = scopePartEnd(authorization, at + CREDENTIAL.length());
            if (keyEnd < 0 || !isDate(authorization, keyEnd + 1)) {
                continue;
            }
            int regionStart = keyEnd + 1 + 8 + 1;
            int regionEnd = scopePartEnd(authorization, regionStart);
            if (regionEnd >= 0) {
                return authorization.substring(regionStart, regionEnd);
            }
        }
        return null;
    }

    /** The index of the {@code /} ending a non-empty part that starts at {@code from}; -1 if there is none. */
    private static int scopePartEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/') {
                return i > from ? i : -1;
            }
            if (c == ',' || isRegexSpace(c)) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** Eight ASCII digits and a {@code /} at {@code from}. */
    private static boolean isDate(String text, int from) {
        if (from + 8 >= text.length() || text.charAt(from + 8) != '/') {
            return false;
        }
        for (int i = from; i < from + 8; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Java regex's {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** A call signed for a region Runnel does not serve: AWS's InvalidSignatureException, HTTP 400. */
    public static final class Refused extends RuntimeException {

        Refused(String message) {
            super(message, null, false, false);
        }

        public AwsErrors.AwsError error() {
            return new AwsErrors.AwsError(400, "InvalidSignatureException", getMessage());
        }
    }
}
