package dev.runnel.aws.cloudwatch;

import dev.runnel.aws.SignedRegions;
import dev.runnel.insight.InMemoryTrafficMeter;
import dev.runnel.metricsink.MetricSink;
import dev.runnel.regions.Regions;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import dev.runnel.storage.memory.InMemoryStreamCatalog;
import dev.runnel.support.ManualClock;
import dev.runnel.throttling.Throttler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Drives a {@link CloudWatchEdgeFilter} with mock requests, against a sink on a manual clock. */
final class CloudWatchCalls {

    static final String SIGNED_EU = "AWS4-HMAC-SHA256 Credential=local/20250101/eu-west-1/monitoring/aws4_request, "
            + "SignedHeaders=host, Signature=0";

    final ManualClock clock = new ManualClock();
    final MetricSink sink = new MetricSink(clock, Duration.ofMinutes(15), 10_000);
    final CloudWatchEdgeFilter filter;

    CloudWatchCalls(boolean enabled, long maxBodyBytes) {
        RunnelProperties properties = RunnelProperties.defaults();
        Regions regions = new Regions(
                region -> new InMemoryStreamCatalog(),
                new InMemoryShardLogStore(1L << 20, 1 << 16, 1024),
                clock,
                properties,
                new InMemoryTrafficMeter(),
                Throttler.unlimited());
        filter = new CloudWatchEdgeFilter(
                sink, new SignedRegions(regions, properties.region()), clock, enabled, maxBodyBytes);
    }

    CloudWatchCalls() {
        this(true, 1 << 20);
    }

    /** An answer, and whether the request went on to the next filter. */
    record Answer(MockHttpServletResponse response, boolean passedOn) {}

    static MockHttpServletRequest rpc(String operation, byte[] cbor) {
        MockHttpServletRequest request =
                new MockHttpServletRequest("POST", CloudWatchProtocol.RPC_PATH_PREFIX + operation);
        request.addHeader("smithy-protocol", "rpc-v2-cbor");
        request.setContentType("application/cbor");
        request.setContent(cbor);
        return request;
    }

    static MockHttpServletRequest json(String operation, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.addHeader("X-Amz-Target", CloudWatchProtocol.TARGET_PREFIX + operation);
        request.setContentType("application/x-amz-json-1.0");
        request.setContent(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return request;
    }

    static MockHttpServletRequest query(String form) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.setContentType("application/x-www-form-urlencoded; charset=utf-8");
        request.setContent(form.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return request;
    }

    static MockHttpServletRequest gzipped(MockHttpServletRequest request) {
        request.addHeader("Content-Encoding", "gzip");
        request.setContent(gzip(request.getContentAsByteArray()));
        return request;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    Answer send(MockHttpServletRequest request) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean passedOn = new AtomicBoolean();
        try {
            filter.doFilter(request, response, (req, res) -> passedOn.set(true));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Answer(response, passedOn.get());
    }
}
