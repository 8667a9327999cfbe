package dev.runnel.aws;

import dev.runnel.web.ProtocolError;
import dev.runnel.web.ProtocolErrorAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.ObjectMapper;

/**
 * The AWS edge's answer to an error Tomcat found on {@code POST /} (headers over the limit, a body cut short,
 * badly chunked or stalled): the AWS error body ({@code __type} and message) in the encoding the request asked
 * for, CBOR when it named none, with an {@code x-amzn-RequestId}. A call the edge had begun to handle keeps the
 * request id it was given and was counted by {@link AwsEdgeFilter}; a call Tomcat refused before the edge saw it is
 * counted here, in {@link AwsRequestMetrics}.
 */
final class AwsProtocolErrorAnswer implements ProtocolErrorAnswer {

    private static final String REQUEST_ID = "x-amzn-RequestId";

    private final AwsRequestMetrics metrics;
    private final ObjectMapper json = AwsWireFormats.json();
    private final ObjectMapper cbor = AwsWireFormats.cbor();

    AwsProtocolErrorAnswer(AwsRequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean answers(HttpServletRequest request) {
        return AwsEdgeRequests.isAwsRequest(request);
    }

    @Override
    public void answer(HttpServletRequest request, HttpServletResponse response, ProtocolError error)
            throws IOException {
        AwsProtocol protocol = AwsProtocol.of(request.getContentType());
        AwsErrors.AwsError failure = AwsErrors.of(error);
        byte[] body = (protocol == AwsProtocol.JSON ? json : cbor).writeValueAsBytes(failure.body());
        if (response.getHeader(REQUEST_ID) == null) {
            response.setHeader(REQUEST_ID, RequestIds.next());
            metrics.of(request.getHeader("X-Amz-Target")).record(protocol, failure.type(), 0);
        }
        response.setStatus(failure.status());
        response.setContentType(protocol.contentType());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
