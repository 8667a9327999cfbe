package dev.runnel.aws.cloudwatch;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * The three protocols the AWS SDKs speak to CloudWatch, told apart from the request line and headers alone (the body
 * is not read, so that requests of other services pass on untouched):
 * <ul>
 *   <li>Smithy RPC v2 CBOR, what the AWS SDK for Java v2 sends since 2.40: {@code POST
 *       /service/GraniteServiceVersion20100801/operation/<Operation>} with a CBOR body;</li>
 *   <li>AWS JSON 1.0: {@code POST /} with {@code X-Amz-Target: GraniteServiceVersion20100801.<Operation>};</li>
 *   <li>awsQuery, what older SDKs send: {@code POST /} with a form body ({@code Action=PutMetricData&…}). No other
 *       service Runnel answers sends forms to {@code POST /}.</li>
 * </ul>
 */
enum CloudWatchProtocol {
    RPC_V2_CBOR(StructuredWire.rpcV2Cbor()),
    JSON_1_0(StructuredWire.json10()),
    QUERY(new QueryWire());

    /** CloudWatch's service name in Smithy terms, in RPC v2 paths and JSON targets. */
    static final String SERVICE = "GraniteServiceVersion20100801";

    static final String RPC_PATH_PREFIX = "/service/" + SERVICE + "/operation/";
    static final String TARGET_PREFIX = SERVICE + ".";
    static final String FORM_TYPE = "application/x-www-form-urlencoded";

    private final CloudWatchWire wire;

    CloudWatchProtocol(CloudWatchWire wire) {
        this.wire = wire;
    }

    /** How the protocol reads calls and writes answers; thread-safe. */
    CloudWatchWire wire() {
        return wire;
    }

    /**
     * The protocol of a CloudWatch call, or null for a request of another service or of no AWS service (or one Tomcat
     * could not parse far enough to tell).
     */
    static CloudWatchProtocol of(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (!"POST".equals(request.getMethod()) || uri == null) {
            return null;
        }
        if (uri.startsWith(RPC_PATH_PREFIX)) {
            return RPC_V2_CBOR;
        }
        if (!"/".equals(uri)) {
            return null;
        }
        String target = request.getHeader("X-Amz-Target");
        if (target != null) {
            return target.startsWith(TARGET_PREFIX) ? JSON_1_0 : null;
        }
        return isForm(request.getContentType()) ? QUERY : null;
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
        return mediaType.toLowerCase(Locale.ROOT).equals(FORM_TYPE);
    }
}
