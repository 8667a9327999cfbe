package dev.runnel.aws;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which HTTP requests belong to the AWS protocol edge: every {@code POST /}, whatever its headers, so that a
 * malformed Kinesis call still gets a Kinesis answer (the REST API and the console live under other paths). The
 * AWS edge answers them, the request-size limit refuses them AWS's way, and the HTTP metrics leave them out.
 */
public final class AwsEdgeRequests {

    private AwsEdgeRequests() {}

    public static boolean isAwsRequest(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/".equals(request.getRequestURI());
    }
}
