package dev.runnel.aws;

import dev.runnel.web.BusyRequestAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.ObjectMapper;

/**
 * The AWS edge's answer to a call whose body found no room among the request bodies in flight: AWS's common
 * {@code ServiceUnavailable} error (503), which every AWS SDK retries with backoff, in the call's encoding and with
 * a request id, counted in {@link AwsRequestMetrics} like every call on the AWS edge. Kinesis answers a service
 * that cannot take the request now this way; the per-shard {@code ProvisionedThroughputExceededException} would
 * blame a shard, and {@code LimitExceededException} is not retried by the SDKs.
 */
final class AwsBusyRequestAnswer implements BusyRequestAnswer {

    private final AwsRequestMetrics metrics;
    private final ObjectMapper json = AwsWireFormats.json();
    private final ObjectMapper cbor = AwsWireFormats.cbor();

    AwsBusyRequestAnswer(AwsRequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean answers(HttpServletRequest request) {
        return AwsEdgeRequests.isAwsRequest(request);
    }

    @Override
    public void refuse(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        long start = System.nanoTime();
        AwsProtocol protocol = AwsProtocol.of(request.getContentType());
        AwsErrors.AwsError error = AwsErrors.serviceUnavailable(message);
        byte[] body = (protocol == AwsProtocol.JSON ? json : cbor).writeValueAsBytes(error.body());
        response.setStatus(error.status());
        response.setHeader("x-amzn-RequestId", RequestIds.next());
        response.setContentType(protocol.contentType());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        metrics.of(request.getHeader("X-Amz-Target")).record(protocol, error.type(), System.nanoTime() - start);
    }
}
