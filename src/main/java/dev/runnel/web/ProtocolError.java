package dev.runnel.web;

/**
 * An error found at the HTTP level, before or beneath any Runnel operation: a request Tomcat refused (an invalid
 * path, headers over the limit, an unsupported method or version) or a body it could not finish reading (cut
 * short, badly chunked, stalled). Each edge writes it in its own shape.
 *
 * @param status the HTTP status of the answer
 * @param errorType one of {@link RestErrorTable#errorTypes()}, also the AWS edge's {@code __type}
 * @param detail what went wrong, in words for the client
 */
public record ProtocolError(int status, String errorType, String detail) {}
