package dev.runnel.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * How an edge with a protocol of its own answers a {@link ProtocolError}. {@link ProtocolErrorValve} offers each
 * such error to these beans in their order; the first that {@linkplain #answers answers} the request writes the
 * answer, and a request none answers gets the REST API's problem document. The AWS edge provides one for
 * {@code POST /}; {@code web} knows no edge.
 *
 * <p>The request may be only partly parsed (Tomcat refused it), so implementations decide from what is there and
 * must cope with a missing method, path or header. They are called on many threads at once, so they must be
 * stateless or thread-safe.
 */
public interface ProtocolErrorAnswer {

    /** Whether this edge answers the request, judged from its method, path and headers. */
    boolean answers(HttpServletRequest request);

    /**
     * Writes this edge's answer to the error: its status, headers and body. Nothing of the body has been written;
     * headers the edge set before the error (such as a request id) are still there.
     */
    void answer(HttpServletRequest request, HttpServletResponse response, ProtocolError error) throws IOException;
}
