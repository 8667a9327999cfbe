package dev.runnel.aws.dynamodb;

import dev.runnel.aws.AwsRequestBody;
import dev.runnel.aws.RequestIds;
import dev.runnel.aws.SignedRegions;
import dev.runnel.core.error.ErrorText;
import dev.runnel.leasestore.LeaseStore;
import dev.runnel.leasestore.model.DynamoDbException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The DynamoDB protocol (AWS JSON 1.0) on {@code POST /} for calls whose {@code X-Amz-Target} starts with
 * {@code DynamoDB_20120810.}: the lease store KCL applications use. The region comes from the SigV4 credential
 * scope, as on the Kinesis edge; signatures are not checked. Errors are DynamoDB's JSON errors: {@code __type}
 * with DynamoDB's namespace and {@code message}. Every other request passes on untouched.
 */
final class DynamoDbEdgeFilter extends HttpFilter {

    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final Logger log = LoggerFactory.getLogger(DynamoDbEdgeFilter.class);
    private static final String CORAL = "com.amazon.coral.service#";

    private final LeaseStore store;
    private final SignedRegions regions;
    private final boolean enabled;
    private final DynamoDbRequestMetrics metrics;
    private final ObjectMapper json = JsonMapper.builder().build();

    DynamoDbEdgeFilter(LeaseStore store, SignedRegions regions, boolean enabled, DynamoDbRequestMetrics metrics) {
        this.store = store;
        this.regions = regions;
        this.enabled = enabled;
        this.metrics = metrics;
    }

    static boolean isDynamoDbRequest(HttpServletRequest request) {
        String target = request.getHeader("X-Amz-Target");
        return target != null
                && target.startsWith(DynamoDbOperations.TARGET_PREFIX)
                && "POST".equals(request.getMethod())
                && "/".equals(request.getRequestURI());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!isDynamoDbRequest(request)) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        response.setHeader("x-amzn-RequestId", RequestIds.next());
        String target = request.getHeader("X-Amz-Target");
        String outcome = "success";
        try {
            write(response, 200, dispatch(request, target));
        } catch (AwsRequestBody.TooLarge e) {
            outcome = "RequestTooLarge";
            response.setStatus(413);
            response.setContentLength(0);
        } catch (AwsRequestBody.Unreadable e) {
            outcome = AwsRequestBody.handOver(response).type();
        } catch (RuntimeException e) {
            outcome = error(response, e, target);
        } finally {
            metrics.record(target, outcome, System.nanoTime() - start);
        }
    }

    private JsonNode dispatch(HttpServletRequest request, String target) {
        byte[] body = AwsRequestBody.read(request);
        String region = regions.of(request).region();
        String name = target.substring(DynamoDbOperations.TARGET_PREFIX.length());
        if (!enabled) {
            throw new Unknown(
                    "Runnel's lease store is turned off (runnel.kcl.enabled=false); " + name + " is not answered here");
        }
        DynamoDbOperation operation = DynamoDbOperations.of(target)
                .orElseThrow(() -> new Unknown("Runnel's lease store answers the DynamoDB operations the Kinesis"
                        + " Client Library uses; it does not answer " + ErrorText.printable(name)));
        JsonNode parsed = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        if (parsed == null || !parsed.isObject()) {
            throw new Serialization("The request body must be a JSON object");
        }
        return operation.apply(new DynamoDbRequest(parsed, store.region(region)));
    }

    /** Writes the error answer; returns its short error code. */
    private String error(HttpServletResponse response, RuntimeException failure, String target) throws IOException {
        ObjectNode body = json.createObjectNode();
        int status = 400;
        if (failure instanceof DynamoDbException e) {
            body.put("__type", e.wireType());
            body.put("message", e.getMessage());
            DynamoDbErrors.details(e, body);
            status = e.status();
        } else if (failure instanceof SignedRegions.Refused e) {
            body.put("__type", CORAL + "InvalidSignatureException");
            body.put("message", e.getMessage());
        } else if (failure instanceof Unknown e) {
            body.put("__type", CORAL + "UnknownOperationException");
            body.put("message", e.getMessage());
        } else if (failure instanceof Serialization || failure instanceof JacksonException) {
            body.put("__type", CORAL + "SerializationException");
            body.put(
                    "message",
                    failure instanceof Serialization ? failure.getMessage() : "Could not read the body as JSON");
        } else {
            log.error("Unexpected failure of {}", target, failure);
            body.put("__type", CORAL + "InternalFailure");
            body.put("message", "Internal failure");
            status = 500;
        }
        write(response, status, body);
        String type = body.get("__type").asString("");
        return type.substring(type.indexOf('#') + 1);
    }

    private void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** An operation the lease store does not answer. */
    private static final class Unknown extends RuntimeException {
        Unknown(String message) {
            super(message, null, false, false);
        }
    }

    /** A body that is JSON but not an object. */
    private static final class Serialization extends RuntimeException {
        Serialization(String message) {
            super(message, null, false, false);
        }
    }
}
