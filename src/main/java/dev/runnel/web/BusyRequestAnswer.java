package dev.runnel.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * How an edge with a protocol of its own refuses a request whose body found no room in the {@link
 * RequestBodyBudget}. {@link RequestSizeLimitFilter} offers such a request to these beans in their order; the first
 * that {@linkplain #answers answers} it writes the refusal, and a request none answers gets the REST API's problem
 * document (429 LimitExceededException with Retry-After). The AWS edge provides one for {@code POST /}.
 *
 * <p>Implementations decide from the method, path and headers alone; the filter has read and discarded the body by
 * then. They are called on many request threads at once, so they must be stateless or thread-safe.
 */
public interface BusyRequestAnswer {

    /** Whether this edge answers the request, judged without its body. */
    boolean answers(HttpServletRequest request);

    /**
     * Writes this edge's refusal, one its clients retry.
     *
     * @param message what happened, for people
     */
    void refuse(HttpServletRequest request, HttpServletResponse response, String message) throws IOException;
}
