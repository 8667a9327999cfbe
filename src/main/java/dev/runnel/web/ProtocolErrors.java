package dev.runnel.web;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.apache.tomcat.util.res.StringManager;

/**
 * Words the errors Tomcat finds by itself as {@link ProtocolError}s: from the status it chose, the exception it
 * recorded and the message it gave. The one place that knows what Tomcat's refusals mean. Statuses stay as Tomcat
 * chose them, except that a request in an HTTP version or transfer coding Runnel does not speak gets 400, not
 * 505 or 501: a 5xx is kept for failures of the server.
 */
final class ProtocolErrors {

    /** Tomcat's text for a request line and headers over {@code maxHttpRequestHeaderSize}, in the JVM's locale. */
    private static final String HEADERS_TOO_LARGE =
            StringManager.getManager("org.apache.coyote.http11").getString("iib.requestheadertoolarge.error");

    private final Duration bodyReadTimeout;

    /** @param bodyReadTimeout {@code runnel.http.body-read-timeout}, for the 408's message */
    ProtocolErrors(Duration bodyReadTimeout) {
        this.bodyReadTimeout = bodyReadTimeout;
    }

    /**
     * The error of an answer Tomcat began.
     *
     * @param method and {@code path} as far as Tomcat parsed them (empty or null when it could not)
     * @param status the status Tomcat set
     * @param cause the exception Tomcat recorded, or null
     * @param message the message Tomcat gave {@code sendError}, or null
     * @param maxHeaderBytes the connector's limit on the request line and headers together
     */
    ProtocolError of(String method, String path, int status, Throwable cause, String message, int maxHeaderBytes) {
        if (status >= 500 && status != 501 && status != 505) {
            return new ProtocolError(status, RestErrorTable.INTERNAL_FAILURE, "Internal service failure.");
        }
        if (cause instanceof SocketTimeoutException || status == 408) {
            return new ProtocolError(
                    408,
                    RestErrorTable.REQUEST_TIMEOUT,
                    "No part of the request body arrived for " + seconds(bodyReadTimeout)
                            + " (runnel.http.body-read-timeout), so the request was abandoned.");
        }
        if (cause instanceof IllegalArgumentException && HEADERS_TOO_LARGE.equals(cause.getMessage())) {
            return headersTooLarge(path, maxHeaderBytes);
        }
        if (cause instanceof EOFException) {
            return serialization(
                    400,
                    "The request body ended before all of it arrived: the connection closed short of its "
                            + "Content-Length or before its last chunk.");
        }
        if (cause instanceof IOException) {
            return serialization(
                    400,
                    "The request body could not be read" + reason(cause, ", as its chunked coding is broken") + ".");
        }
        return switch (status) {
            case 400 -> badRequest(path, cause, message);
            case 404, 405 ->
                new ProtocolError(
                        status,
                        RestErrorTable.UNKNOWN_OPERATION,
                        blank(method) + " " + blank(path) + " is not an operation of the REST API.");
            case 413 -> new ProtocolError(413, RestErrorTable.REQUEST_TOO_LARGE, "The request is too large.");
            case 417 -> serialization(417, "The only expectation Runnel meets is 'Expect: 100-continue'.");
            case 501 ->
                serialization(
                        400,
                        "The request's Transfer-Encoding is not one Runnel reads: send the body with a "
                                + "Content-Length, or chunked.");
            case 505 ->
                serialization(
                        400,
                        "The request's HTTP version is not one Runnel speaks: HTTP/1.1, or HTTP/2 with prior "
                                + "knowledge.");
            default ->
                new ProtocolError(
                        status,
                        RestErrorTable.errorTypeOf(status),
                        "The request was refused with HTTP status " + status + ".");
        };
    }

    private static ProtocolError badRequest(String path, Throwable cause, String message) {
        boolean invalidUri = message != null && message.startsWith("Invalid URI");
        if (invalidUri || (cause == null && path != null && path.contains("%"))) {
            return serialization(
                    400,
                    "The request's path is not valid: Runnel refuses malformed percent-encoding, percent-encoded "
                            + "bytes that are not UTF-8, an encoded '/', '\\' or NUL (%2F, %5C, %00) and '..' "
                            + "segments that climb above the root.");
        }
        if (cause instanceof IllegalArgumentException) {
            return serialization(400, "The request is not valid HTTP" + reason(cause, "") + ".");
        }
        return serialization(
                400,
                "The request is not valid HTTP: check its request line and headers (HTTP/1.1 needs a Host header).");
    }

    /**
     * A request line or headers over the limit: 414 when the request line alone did not fit (Tomcat parsed no
     * path), 431 otherwise.
     */
    private static ProtocolError headersTooLarge(String path, int maxHeaderBytes) {
        boolean requestLine = path == null || path.isEmpty();
        return new ProtocolError(
                requestLine ? 414 : 431,
                RestErrorTable.REQUEST_TOO_LARGE,
                (requestLine ? "The request line is" : "The request's headers are") + " larger than the limit of "
                        + maxHeaderBytes + " bytes for the request line and headers together "
                        + "(server.max-http-request-header-size).");
    }

    private static ProtocolError serialization(int status, String detail) {
        return new ProtocolError(status, "SerializationException", detail);
    }

    /** Tomcat's own reason after a colon, or {@code otherwise} when it has none to show. */
    private static String reason(Throwable cause, String otherwise) {
        String text = cause.getMessage();
        if (text == null || text.isBlank() || JacksonMessages.namesJava(text)) {
            return otherwise;
        }
        text = text.strip();
        return ": " + (text.endsWith(".") ? text.substring(0, text.length() - 1) : text);
    }

    private static String blank(String text) {
        return text == null || text.isEmpty() ? "?" : text;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
