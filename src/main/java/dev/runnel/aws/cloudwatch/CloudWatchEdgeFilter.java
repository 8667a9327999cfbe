package dev.runnel.aws.cloudwatch;

import dev.runnel.aws.AwsRequestBody;
import dev.runnel.aws.RequestIds;
import dev.runnel.aws.SignedRegions;
import dev.runnel.metricsink.MetricSink;
import dev.runnel.regions.RegionServices;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CloudWatch on Runnel's port, as a metrics sink for KCL: PutMetricData in each protocol the AWS SDKs speak ({@link
 * CloudWatchProtocol}), checked as CloudWatch checks it ({@link PutMetricDataCheck}) and kept in the {@link
 * MetricSink} of the region its signature names ({@link SignedRegions}). Every other operation, and every call while
 * {@code runnel.kcl.enabled} is false, is refused as an unknown operation. Every answer carries {@code
 * x-amzn-RequestId}. Requests that are not CloudWatch's pass on unread. Registered by {@link
 * CloudWatchEdgeConfiguration}.
 */
final class CloudWatchEdgeFilter extends HttpFilter {

    static final String PUT_METRIC_DATA = "PutMetricData";
    static final String SINK_ONLY = "Runnel's CloudWatch is a metrics sink for KCL that accepts PutMetricData only.";
    static final String REQUEST_ID = "x-amzn-RequestId";
    private static final Logger log = LoggerFactory.getLogger(CloudWatchEdgeFilter.class);

    private final MetricSink sink;
    private final SignedRegions signedRegions;
    private final InstantSource clock;
    private final boolean enabled;
    private final long maxBodyBytes;

    /**
     * @param enabled {@code runnel.kcl.enabled}
     * @param maxBodyBytes {@code runnel.http.max-request-size}, which also bounds a body once decompressed
     */
    CloudWatchEdgeFilter(
            MetricSink sink, SignedRegions signedRegions, InstantSource clock, boolean enabled, long maxBodyBytes) {
        this.sink = sink;
        this.signedRegions = signedRegions;
        this.clock = clock;
        this.enabled = enabled;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CloudWatchProtocol protocol = CloudWatchProtocol.of(request);
        if (protocol == null) {
            chain.doFilter(request, response);
        } else {
            handle(request, response, protocol.wire());
        }
    }

    private void handle(HttpServletRequest request, HttpServletResponse response, CloudWatchWire wire)
            throws IOException {
        String requestId = RequestIds.next();
        response.setHeader(REQUEST_ID, requestId);
        wire.protocolHeaders(response);
        CloudWatchException failure;
        try {
            putMetricData(request, wire);
            wire.succeed(response, requestId);
            return;
        } catch (AwsRequestBody.TooLarge | ContentEncodings.TooLarge e) {
            response.setStatus(413);
            response.setContentLength(0);
            return;
        } catch (AwsRequestBody.Unreadable e) {
            AwsRequestBody.handOver(response);
            return;
        } catch (CloudWatchException e) {
            failure = e;
        } catch (SignedRegions.Refused e) {
            failure = new CloudWatchException(CloudWatchError.INVALID_SIGNATURE, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Unexpected failure of a CloudWatch call", e);
            failure = new CloudWatchException(CloudWatchError.INTERNAL_FAILURE, "Internal service failure.");
        }
        wire.fail(response, failure, requestId);
    }

    /**
     * Reads the whole body before any check can answer (an HTTP/2 client keeps sending a body the server did not
     * read, and Tomcat then resets the stream), then checks the signature's region, the switch, the operation and the
     * request, and puts the data.
     */
    private void putMetricData(HttpServletRequest request, CloudWatchWire wire) {
        byte[] body = AwsRequestBody.read(request);
        RegionServices region = signedRegions.of(request);
        if (!enabled) {
            throw new CloudWatchException(
                    CloudWatchError.UNKNOWN_OPERATION,
                    "Runnel's CloudWatch metrics sink is off (runnel.kcl.enabled=false), so it answers no CloudWatch "
                            + "operation; point the application's CloudWatch client at CloudWatch.");
        }
        byte[] decoded = ContentEncodings.decode(request.getHeader("Content-Encoding"), body, maxBodyBytes);
        CloudWatchWire.Call call = wire.decode(request, decoded);
        if (!PUT_METRIC_DATA.equals(call.operation())) {
            throw new CloudWatchException(
                    CloudWatchError.UNKNOWN_OPERATION,
                    "Unknown operation " + Quotes.of(call.operation()) + ". " + SINK_ONLY);
        }
        PutMetricDataCheck.Accepted accepted =
                PutMetricDataCheck.check(call.input().get(), clock.instant());
        sink.put(region.region(), accepted.namespace(), accepted.data());
    }
}
