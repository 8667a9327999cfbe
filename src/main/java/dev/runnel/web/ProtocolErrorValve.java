package dev.runnel.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every error answer that Tomcat makes by itself in Runnel's shape, in place of Tomcat's HTML page: a
 * request it refused before Spring saw it (an invalid path, headers over the limit, TRACE, an unknown HTTP
 * version), a body it could not finish reading (cut short, badly chunked, stalled), and a failure that escaped the
 * application. An edge with its own protocol ({@link ProtocolErrorAnswer}: the AWS edge on {@code POST /}) answers
 * in that protocol; everything else gets an {@code application/problem+json} problem. What each error says comes
 * from {@link ProtocolErrors}.
 *
 * <p>Installed as the host's error report valve by {@link ContainerConfiguration}. Runnel registers no servlet
 * error pages, so these answers are not forwarded to an error controller first.
 */
final class ProtocolErrorValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProtocolErrorValve.class);
    private static final ObjectMapper PROBLEMS = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    private final ProtocolErrors errors;
    private final Supplier<? extends Iterable<ProtocolErrorAnswer>> edges;

    /** @param edges the edges' answers, looked up when an error happens (they are beans made after the server) */
    ProtocolErrorValve(ProtocolErrors errors, Supplier<? extends Iterable<ProtocolErrorAnswer>> edges) {
        this.errors = errors;
        this.edges = edges;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ProtocolError error = errors.of(
                request.getMethod(),
                request.getRequestURI(),
                status,
                throwable,
                response.getMessage(),
                maxHeaderBytes(request));
        try {
            response.setStatus(error.status());
            HttpServletRequest servletRequest = request.getRequest();
            HttpServletResponse servletResponse = response.getResponse();
            for (ProtocolErrorAnswer edge : edges.get()) {
                if (edge.answers(servletRequest)) {
                    edge.answer(servletRequest, servletResponse, error);
                    response.finishResponse();
                    return;
                }
            }
            writeProblem(request, response, error);
            response.finishResponse();
        } catch (IOException | RuntimeException e) {
            log.debug("Could not answer {} {} with {}", request.getMethod(), request.getRequestURI(), error, e);
        }
    }

    private static void writeProblem(Request request, Response response, ProtocolError error) throws IOException {
        HttpStatus status = HttpStatus.valueOf(error.status());
        ProblemDetail problem = RestErrorTable.problem(status, error.errorType(), error.detail());
        problem.setInstance(instance(request.getRequestURI()));
        byte[] body = PROBLEMS.writeValueAsBytes(problem);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        OutputStream out;
        try {
            out = response.getOutputStream();
        } catch (IllegalStateException usingWriter) {
            // The application took the writer before it failed; the reporter writes beside it, as Tomcat's does.
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(body, StandardCharsets.UTF_8));
            }
            return;
        }
        response.setContentLength(body.length);
        out.write(body);
    }

    private static URI instance(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        try {
            return new URI(path);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static int maxHeaderBytes(Request request) {
        if (request.getConnector() != null
                && request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
            return http.getMaxHttpRequestHeaderSize();
        }
        return 8 * 1024;
    }
}
