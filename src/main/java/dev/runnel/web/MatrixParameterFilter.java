package dev.runnel.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses paths with {@code ;} parameters ("matrix parameters") before anything routes them: Tomcat and Spring MVC
 * match {@code /streams/semi;x=1} as {@code /streams/semi}, so {@code DELETE /streams/semi;x=1} deleted stream
 * {@code semi}. No path of Runnel takes such parameters (sessions are tracked by cookie, never by
 * {@code ;jsessionid}), so the request is not an operation: 404 UnknownOperationException, as a problem document.
 * An encoded {@code %3B} is an ordinary character of a segment and passes (a stream name cannot hold it).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class MatrixParameterFilter extends OncePerRequestFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path.indexOf(';') < 0) {
            chain.doFilter(request, response);
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", RestErrorTable.TYPE_PREFIX + RestErrorTable.UNKNOWN_OPERATION);
        problem.put("title", HttpStatus.NOT_FOUND.getReasonPhrase());
        problem.put("status", HttpStatus.NOT_FOUND.value());
        problem.put(
                "detail",
                request.getMethod() + " " + path + " is not an operation of the REST API: its paths take no "
                        + "';' parameters.");
        problem.put("instance", path);
        problem.put("errorType", RestErrorTable.UNKNOWN_OPERATION);
        byte[] body = JSON.writeValueAsBytes(problem);
        response.setStatus(HttpStatus.NOT_FOUND.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
