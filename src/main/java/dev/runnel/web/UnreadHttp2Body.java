package dev.runnel.web;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Reads and drops what an HTTP/2 request's answer left of its body (a 413 for a Content-Length over the limit, a
 * streamed body refused once it passed the limit), so that the stream ends as its client expects instead of being
 * reset. Streams reset while their client is still sending cost the connection: Tomcat 11.0.22 could leave the
 * connection's shared flow-control window short for good, so that the client's later calls on it stalled with no
 * window to send in (the AWS SDK's Netty client, within a hundred oversized calls), and 11.0.29 closes the
 * connection, with every call in flight on it, after a few dozen. Reading the rest costs no more than the client
 * sends anyway; a body declared larger than the drain limit is still left to the reset. HTTP/1.1 needs none of
 * this: Tomcat swallows or closes there.
 */
final class UnreadHttp2Body {

    private UnreadHttp2Body() {}

    /**
     * @param request a request whose answer has been decided; nothing happens unless it came over HTTP/2, is not
     *     asynchronous and has body bytes left
     * @param atMost the most bytes read in all (a body declared larger is left unread)
     */
    static void drain(HttpServletRequest request, long atMost) {
        if (!request.getProtocol().startsWith("HTTP/2")
                || request.isAsyncStarted()
                || request.getContentLengthLong() > atMost) {
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
            // the body cannot be read (the client stopped, or the request's reader was taken): Tomcat resets
        }
    }
}
