package dev.runnel.aws;

import dev.runnel.web.OversizedRequestAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

/**
 * The AWS edge's answer to a call whose Content-Length is over the limit: 413 with an empty body and a request
 * id, as AWS answers (a streamed body found too large while it is read gets the same from {@link AwsEdgeFilter}),
 * counted in {@link AwsRequestMetrics} like every call on the AWS edge.
 */
final class AwsOversizedRequestAnswer implements OversizedRequestAnswer {

    private final AwsRequestMetrics metrics;

    AwsOversizedRequestAnswer(AwsRequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean answers(HttpServletRequest request) {
        return AwsEdgeRequests.isAwsRequest(request);
    }

    @Override
    public void refuse(HttpServletRequest request, HttpServletResponse response) {
        long start = System.nanoTime();
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setHeader("x-amzn-RequestId", RequestIds.next());
        response.setContentLength(0);
        metrics.of(request.getHeader("X-Amz-Target"))
                .record(
                        AwsProtocol.of(request.getContentType()),
                        AwsRequestMetrics.REQUEST_TOO_LARGE,
                        System.nanoTime() - start);
    }
}
