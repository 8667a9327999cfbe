package dev.runnel.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * How an edge with a protocol of its own refuses a request whose Content-Length is over
 * {@code runnel.http.max-request-size}. {@link RequestSizeLimitFilter} offers such a request to these beans in
 * their order; the first that {@linkplain #answers answers} it writes the 413, and a request none answers gets
 * the REST API's problem document. The AWS edge provides one for {@code POST /}; {@code web} knows no edge.
 *
 * <p>Implementations decide from the method, path and headers alone (the body is never read) and are called on
 * many request threads at once, so they must be stateless or thread-safe.
 */
public interface OversizedRequestAnswer {

    /** Whether this edge answers the request, judged without reading its body. */
    boolean answers(HttpServletRequest request);

    /** Writes this edge's 413 to a request it {@linkplain #answers answers}, leaving the body unread. */
    void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException;
}
