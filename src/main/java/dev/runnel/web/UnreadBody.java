package dev.runnel.web;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Reads and drops what a request's answer left of its body, so that the connection carries on as its client
 * expects. Over HTTP/2 an unread body gets its stream reset while the client is still sending, and that costs the
 * whole connection: Tomcat 11.0.22 could leave the connection's shared flow-control window short for good, so that
 * the client's later calls on it stalled with no window to send in (the AWS SDK's Netty client, within a hundred
 * oversized calls), and 11.0.29 closes the connection, with every call in flight on it, after a few dozen. Over
 * HTTP/1.1 Tomcat swallows a small unread body or closes the connection. Reading the rest costs no more than the
 * client sends anyway; a body declared larger than the caller's limit is left to the reset or the close.
 */
final class UnreadBody {

    private UnreadBody() {}

    /** Whether the request came over HTTP/2 (h2 or h2c). */
    static boolean isHttp2(HttpServletRequest request) {
        return request.getProtocol().startsWith("HTTP/2");
    }

    /**
     * {@link #drain} for an HTTP/2 request (a 413 for a Content-Length over the limit, a streamed body refused once
     * it passed the limit, any answer given before the body was read); other requests are left to Tomcat.
     */
    static void drainHttp2(HttpServletRequest request, long atMost) {
        if (isHttp2(request)) {
            drain(request, atMost);
        }
    }

    /**
     * @param request a request whose answer has been decided; nothing happens if it is asynchronous or has no body
     *     bytes left
     * @param atMost the most bytes read in all (a body declared larger is left unread)
     */
    static void drain(HttpServletRequest request, long atMost) {
        if (request.isAsyncStarted() || request.getContentLengthLong() > atMost) {
            return;
        }
        try {
            ServletInputStream in = request.getInputStream();
            if (in.isFinished()) {
                return;
            }
            byte[] buffer = new byte[16 * 1024];
            long read = 0;
            int n;
            while (!in.isFinished() && read <= atMost && (n = in.read(buffer)) >= 0) {
                read += n;
            }
        } catch (IOException | IllegalStateException unreadable) {
            // the body cannot be read (the client stopped, or the request's reader was taken): Tomcat resets or closes
        }
    }
}
