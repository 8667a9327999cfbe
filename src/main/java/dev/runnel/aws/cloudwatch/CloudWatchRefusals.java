package dev.runnel.aws.cloudwatch;

import dev.runnel.aws.RequestIds;
import dev.runnel.web.BusyRequestAnswer;
import dev.runnel.web.OversizedRequestAnswer;
import dev.runnel.web.ProtocolError;
import dev.runnel.web.ProtocolErrorAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;

/**
 * The CloudWatch edge's answers to calls refused before it could answer them, in the call's protocol and with a
 * request id: a body over {@code runnel.http.max-request-size} (413 with an empty body, as AWS answers), no room among
 * the request bodies in flight (503 ServiceUnavailable, which the SDKs retry), and what Tomcat refuses (a body cut
 * short or stalled, headers over the limit). Ordered ahead of the Kinesis edge's answers, which take every {@code
 * POST /}, so that an awsQuery form gets XML. A call the edge had begun to handle keeps its request id.
 */
final class CloudWatchRefusals implements OversizedRequestAnswer, BusyRequestAnswer, ProtocolErrorAnswer, Ordered {

    @Override
    public int getOrder() {
        return CloudWatchEdgeConfiguration.ORDER;
    }

    @Override
    public boolean answers(HttpServletRequest request) {
        return CloudWatchProtocol.of(request) != null;
    }

    @Override
    public void refuse(HttpServletRequest request, HttpServletResponse response) {
        begin(request, response);
        response.setStatus(413);
        response.setContentLength(0);
    }

    @Override
    public void refuse(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        CloudWatchWire wire = begin(request, response);
        wire.fail(
                response,
                new CloudWatchException(CloudWatchError.SERVICE_UNAVAILABLE, message),
                response.getHeader(CloudWatchEdgeFilter.REQUEST_ID));
    }

    @Override
    public void answer(HttpServletRequest request, HttpServletResponse response, ProtocolError error)
            throws IOException {
        CloudWatchWire wire = begin(request, response);
        wire.fail(
                response,
                new CloudWatchException(
                        CloudWatchError.common(error.status(), error.errorType()),
                        error.detail() == null ? error.errorType() : error.detail()),
                response.getHeader(CloudWatchEdgeFilter.REQUEST_ID));
    }

    /** Gives the answer a request id (unless the edge gave it one) and the protocol's headers. */
    private static CloudWatchWire begin(HttpServletRequest request, HttpServletResponse response) {
        CloudWatchWire wire = CloudWatchProtocol.of(request).wire();
        if (response.getHeader(CloudWatchEdgeFilter.REQUEST_ID) == null) {
            response.setHeader(CloudWatchEdgeFilter.REQUEST_ID, RequestIds.next());
        }
        wire.protocolHeaders(response);
        return wire;
    }
}
