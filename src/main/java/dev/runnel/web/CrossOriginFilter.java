package dev.runnel.web;

import dev.runnel.settings.RunnelProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the whole server, so that a web page on an allowed origin ({@code runnel.http.cors.allowed-origins}) can
 * call the AWS edge with the AWS SDK for JavaScript and the REST API with fetch. One filter ahead of everything: the
 * AWS edge is a servlet filter too, which Spring MVC's own CORS support would never see.
 *
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is answered
 *       here, 200 with an empty body: for an allowed origin with the methods of both edges, the headers it asks
 *       for (the SDK sends {@code authorization}, {@code content-type}, {@code x-amz-*}, {@code amz-sdk-*}),
 *       private-network access when asked, and a max-age; for any other origin without them, so the browser
 *       stops there and says why.</li>
 *   <li>Any other request with an allowed {@code Origin} gets {@code Access-Control-Allow-Origin} and the response
 *       headers a page may read ({@code x-amzn-RequestId}, which the SDKs read, {@code Date} for their clock-skew
 *       correction, {@code Retry-After}, {@code Location}), and goes on. From another origin it goes on without
 *       them, and the browser keeps the answer from the page.</li>
 * </ul>
 * A request from the server's own origin (the console's) is no cross-origin request and passes untouched. Origins
 * are matched by Spring's {@link CorsConfiguration} patterns; credentials (cookies) are never allowed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CrossOriginFilter extends OncePerRequestFilter {

    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE";
    static final String EXPOSED_HEADERS = "x-amzn-RequestId, x-amzn-ErrorType, x-amz-id-2, Date, Retry-After, Location";
    static final String MAX_AGE_SECONDS = "3600";
    private static final String REQUEST_PRIVATE_NETWORK = "Access-Control-Request-Private-Network";
    private static final String ALLOW_PRIVATE_NETWORK = "Access-Control-Allow-Private-Network";
    private static final int MAX_LOGGED_ORIGINS = 100;
    private static final Logger log = LoggerFactory.getLogger(CrossOriginFilter.class);

    private final CorsConfiguration origins = new CorsConfiguration();
    private final Set<String> loggedOrigins = ConcurrentHashMap.newKeySet();

    CrossOriginFilter(RunnelProperties properties) {
        origins.setAllowedOriginPatterns(properties.http().cors().allowedOrigins());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || !CorsUtils.isCorsRequest(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean allowed = origins.checkOrigin(origin) != null;
        if (!allowed) {
            noteRefused(origin);
        }
        if (isPreflight(request)) {
            answerPreflight(request, response, origin, allowed);
            return;
        }
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        if (allowed) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        chain.doFilter(request, response);
    }

    private static boolean isPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod())
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    }

    private static void answerPreflight(
            HttpServletRequest request, HttpServletResponse response, String origin, boolean allowed) {
        response.addHeader(
                HttpHeaders.VARY,
                HttpHeaders.ORIGIN + ", " + HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD + ", "
                        + HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS + ", " + REQUEST_PRIVATE_NETWORK);
        if (allowed) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            String headers = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
            if (headers != null && !headers.isBlank()) {
                response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers);
            }
            if ("true".equals(request.getHeader(REQUEST_PRIVATE_NETWORK))) {
                response.setHeader(ALLOW_PRIVATE_NETWORK, "true");
            }
            response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(0);
    }

    /** Logs the first requests of up to 100 refused origins, so a developer learns which setting to change. */
    private void noteRefused(String origin) {
        if (loggedOrigins.size() < MAX_LOGGED_ORIGINS && loggedOrigins.add(origin)) {
            log.info(
                    "Cross-origin requests from {} get no Access-Control-Allow-Origin; list it in "
                            + "runnel.http.cors.allowed-origins to let its pages call Runnel",
                    origin.length() > 200 ? origin.substring(0, 200) + "…" : origin);
        }
    }
}
