package dev.runnel.aws.cloudwatch;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * awsQuery: the operation is the form's {@code Action}, answers are XML in CloudWatch's 2010-08-01 namespace, errors
 * an {@code ErrorResponse} with the error's {@code Type} ({@code Sender} or {@code Receiver}), {@code Code} and
 * {@code Message}, and the request id.
 */
final class QueryWire implements CloudWatchWire {

    static final String XML_NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    static final String XML_TYPE = "text/xml";

    @Override
    public Call decode(HttpServletRequest request, byte[] body) {
        Map<String, String> form = QueryForm.parse(body);
        String action = form.get("Action");
        if (action == null || action.isEmpty()) {
            throw new CloudWatchException(
                    CloudWatchError.MISSING_ACTION, "The form names no Action. " + CloudWatchEdgeFilter.SINK_ONLY);
        }
        return new Call(action, () -> QueryInputReader.read(form));
    }

    @Override
    public void protocolHeaders(HttpServletResponse response) {
        // awsQuery has none
    }

    @Override
    public void succeed(HttpServletResponse response, String requestId) throws IOException {
        write(
                response,
                200,
                "<PutMetricDataResponse xmlns=\"" + XML_NAMESPACE + "\"><ResponseMetadata><RequestId>"
                        + Xml.escape(requestId) + "</RequestId></ResponseMetadata></PutMetricDataResponse>");
    }

    @Override
    public void fail(HttpServletResponse response, CloudWatchException failure, String requestId) throws IOException {
        CloudWatchError error = failure.error();
        write(
                response,
                error.status(),
                "<ErrorResponse xmlns=\"" + XML_NAMESPACE + "\"><Error><Type>"
                        + error.fault() + "</Type><Code>" + error.queryCode() + "</Code><Message>"
                        + Xml.escape(failure.getMessage()) + "</Message></Error><RequestId>" + Xml.escape(requestId)
                        + "</RequestId></ErrorResponse>");
    }

    private static void write(HttpServletResponse response, int status, String xml) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(XML_TYPE + ";charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
