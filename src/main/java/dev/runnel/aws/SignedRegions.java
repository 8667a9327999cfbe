package dev.runnel.aws;

import dev.runnel.regions.RegionServices;
import dev.runnel.regions.Regions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
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

    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/,\\s]+)/");
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
        Matcher matcher = CREDENTIAL_SCOPE.matcher(authorization);
        return matcher.find() ? matcher.group(1) : null;
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
