package dev.runnel.aws;

import dev.runnel.web.OversizedRequestAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

/**
 * The AWS edge's answer to a call whose Content-Length is over the limit: 413 with an empty body and a request
 * id, as AWS answers. (A streamed body found too large while it is read gets the same from {@link AwsEdgeFilter}.)
 */
final class AwsOversizedRequestAnswer implements OversizedRequestAnswer {

    @Override
    public boolean answers(HttpServletRequest request) {
        return AwsEdgeRequests.isAwsRequest(request);
    }

    @Override
    public void refuse(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setHeader("x-amzn-RequestId", RequestIds.next());
        response.setContentLength(0);
    }
}
