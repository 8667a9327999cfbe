package dev.runnel.aws;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.KinesisException;
import dev.runnel.core.error.SerializationException;
import dev.runnel.faults.FaultInjection;
import dev.runnel.faults.InjectedFault;
import dev.runnel.regions.RegionServices;
import dev.runnel.regions.Regions;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.throttling.ControlPlaneLimits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The AWS Kinesis protocol on {@code POST /}: the operation comes from {@code X-Amz-Target}, the encoding from
 * the Content-Type (JSON 1.1 or CBOR 1.1, answered in kind), the region from the SigV4 credential scope of the
 * {@code Authorization} header ({@link SignedRegions}; signatures are not checked). Every answer carries {@code x-amzn-RequestId}.
 *
 * <p>A servlet filter rather than a controller: {@code POST /} is answered here, after the request-size limit
 * and before Spring MVC's dispatch, whose handler lookup, argument resolution and content negotiation cost as
 * much as a PutRecord itself. Every other request (the REST API, the console, {@code GET /}) passes on to
 * Spring MVC. Both edges call the same services. Registered by {@link AwsEdgeConfiguration}.
 */
class AwsEdgeFilter extends HttpFilter {

    static final String TARGET_PREFIX = "Kinesis_20131202.";
    private static final Logger log = LoggerFactory.getLogger(AwsEdgeFilter.class);
    /** A body over the limit: 413 with an empty body, as AWS answers. */
    private static final AwsErrors.AwsError TOO_LARGE =
            new AwsErrors.AwsError(413, AwsRequestMetrics.REQUEST_TOO_LARGE, null);

    private final AwsOperations operations;
    private final Regions regions;
    private final SignedRegions signedRegions;
    private final String account;
    private final FaultInjection faults;
    private final ControlPlaneLimits controlPlane;
    private final SubscriptionStreamer streamer;
    private final AwsRequestMetrics metrics;
    private final ObjectMapper json = AwsWireFormats.json();
    private final ObjectMapper cbor = AwsWireFormats.cbor();

    AwsEdgeFilter(
            AwsOperations operations,
            Regions regions,
            RunnelProperties properties,
            FaultInjection faults,
            ControlPlaneLimits controlPlane,
            SubscriptionStreamer streamer,
            AwsRequestMetrics metrics) {
        this.operations = operations;
        this.metrics = metrics;
        this.streamer = streamer;
        this.regions = regions;
        this.signedRegions = new SignedRegions(regions, properties.region());
        this.account = properties.accountId();
        this.faults = faults;
        this.controlPlane = controlPlane;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (AwsEdgeRequests.isAwsRequest(request)) {
            handle(request, response);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** Answers one call and counts it, with its outcome and how long it took, in {@link AwsRequestMetrics}. */
    private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        String target = request.getHeader("X-Amz-Target");
        AwsProtocol protocol = AwsProtocol.of(request.getContentType());
        ObjectMapper mapper = protocol == AwsProtocol.JSON ? json : cbor;
        response.setHeader("x-amzn-RequestId", RequestIds.next());
        Object output = null;
        AwsErrors.AwsError failure = null;
        boolean handedOver = false;
        try {
            output = dispatch(request, target, mapper);
        } catch (AwsRequestBody.TooLarge e) {
            failure = TOO_LARGE;
        } catch (AwsRequestBody.Unreadable e) {
            failure = AwsRequestBody.handOver(response);
            handedOver = true;
        } catch (RuntimeException e) {
            failure = error(e, target);
        }
        try {
            if (failure == null) {
                answer(request, response, protocol, mapper, output);
            } else if (!handedOver) {
                answer(response, protocol, mapper, failure);
            }
        } finally {
            release(output);
            metrics.of(target)
                    .record(
                            protocol,
                            failure == null ? AwsRequestMetrics.SUCCESS : failure.type(),
                            System.nanoTime() - start);
        }
    }

    /** An output that holds resources until it is written (a GetRecords page: its share of the read budget). */
    private static void release(Object output) {
        if (output instanceof AutoCloseable resource) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Could not release the answer's resources", e);
            }
        }
    }

    private static void answer(
            HttpServletResponse response, AwsProtocol protocol, ObjectMapper mapper, AwsErrors.AwsError failure)
            throws IOException {
        if (failure == TOO_LARGE) {
            response.setStatus(413);
            response.setContentLength(0);
            return;
        }
        byte[] body = mapper.writeValueAsBytes(failure.body());
        response.setStatus(failure.status());
        response.setContentType(protocol.contentType());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void answer(
            HttpServletRequest request,
            HttpServletResponse response,
            AwsProtocol protocol,
            ObjectMapper mapper,
            Object output)
            throws IOException {
        if (output instanceof SubscriptionAnswer answer) {
            try {
                streamer.start(request, response, protocol, mapper, answer.subscription());
            } catch (IOException | RuntimeException e) {
                answer.subscription().cancel();
                throw e;
            }
            return;
        }
        response.setStatus(200);
        response.setContentType(protocol.contentType());
        if (output == null) {
            response.setContentLength(0);
        } else {
            // Streamed: a GetRecords page can be megabytes. An answer that fits the response buffer still gets
            // a Content-Length; a longer one goes out chunked (HTTP/1.1) or in frames (HTTP/2).
            AwsWireFormats.writeAnswer(mapper, response.getOutputStream(), output);
        }
    }

    private static AwsErrors.AwsError error(RuntimeException failure, String target) {
        if (failure instanceof KinesisException e) {
            return AwsErrors.of(e);
        }
        if (failure instanceof SignedRegions.Refused e) {
            return e.error();
        }
        if (failure instanceof UnknownTarget e) {
            return AwsErrors.unknownOperation(e.getMessage());
        }
        if (failure instanceof JacksonException e) {
            return AwsErrors.unreadable(e);
        }
        if (failure instanceof InjectedFault e) {
            return AwsErrors.serviceUnavailable(e.getMessage());
        }
        log.error("Unexpected failure of {}", target, failure);
        return AwsErrors.internalFailure();
    }

    private Object dispatch(HttpServletRequest request, String target, ObjectMapper mapper) {
        // The body is read before any check can answer: an HTTP/2 client keeps sending a body the server did not
        // read, past the stream's window, and Tomcat then resets the stream (the connection's other streams,
        // such as long-lived subscriptions, must not see that).
        byte[] body = AwsRequestBody.read(request);
        RegionServices region = signedRegions.of(request);
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw new UnknownTarget(
                    target == null
                            ? "The X-Amz-Target header is missing."
                            : "Unknown target " + target + "; expected " + TARGET_PREFIX + "<Operation>.");
        }
        String name = target.substring(TARGET_PREFIX.length());
        AwsOperations.Bound<?> operation =
                operations.find(name).orElseThrow(() -> new UnknownTarget("Unknown operation " + name + "."));
        if (body.length == 0) {
            throw new SerializationException("The request body is empty.");
        }
        return invoke(operation, body, mapper, region);
    }

    private <I extends AwsInput> Object invoke(
            AwsOperations.Bound<I> operation, byte[] body, ObjectMapper mapper, RegionServices region) {
        I input = read(body, mapper, operation.inputType());
        Constraints check = Constraints.check();
        input.validate(check);
        check.throwIfInvalid();
        AwsContext context = new AwsContext(region, account, regions.signer());
        if (controlPlane.isEnabled()) {
            controlPlane.acquire(
                    account,
                    context.region().region(),
                    operation.operation().name(),
                    operation.streamOf().apply(input));
        }
        if (faults.isEnabled()) {
            faults.before(operation.operation().name(), operation.streamOf().apply(input));
        }
        return operation.operation().invoke(input, context);
    }

    /**
     * Decodes the body, which must be a structure (a JSON object or CBOR map), keeping the parser open so a type
     * error can name the token it met.
     */
    private static <I> I read(byte[] body, ObjectMapper mapper, Class<I> type) {
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw AwsErrors.notAStructure(first);
            }
            try {
                I input = mapper.readValue(parser, type);
                if (parser.nextToken() != null) {
                    throw new SerializationException("Unexpected content after the end of the request body.");
                }
                return input;
            } catch (MismatchedInputException e) {
                throw AwsErrors.typeError(e, parser.currentToken());
            }
        }
    }

    /** The target names no operation. */
    private static final class UnknownTarget extends RuntimeException {
        UnknownTarget(String message) {
            super(message, null, false, false);
        }
    }
}
