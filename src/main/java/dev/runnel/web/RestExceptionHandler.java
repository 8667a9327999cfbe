package dev.runnel.web;

import dev.runnel.core.error.KinesisException;
import dev.runnel.core.error.ProvisionedThroughputExceededException;
import dev.runnel.core.error.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Set;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of a REST call into an RFC 9457 problem with an {@code errorType} and a detail worded for
 * people: Kinesis errors by {@link RestErrorTable}; unreadable or mistyped input as SerializationException (400,
 * worded by {@link UnreadableInput}); an unknown path or method as UnknownOperationException (404, 405); a body or
 * answer in an unsupported format as SerializationException (415, 406); an oversized body as RequestTooLarge
 * (413); anything unexpected as InternalFailure (500) without internals. The AWS edge has its own table.
 */
@RestControllerAdvice
class RestExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(RestExceptionHandler.class);

    @ExceptionHandler(KinesisException.class)
    ResponseEntity<Object> kinesis(KinesisException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e instanceof ProvisionedThroughputExceededException) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
        }
        return answer(RestErrorTable.problem(e), headers);
    }

    /** Query or form parameters Tomcat could not decode (bad percent-encoding, invalid UTF-8, too many). */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> invalidParameters(InvalidParameterException e) {
        int code = e.getErrorCode();
        HttpStatus status = code >= 400 && code < 500 ? HttpStatus.valueOf(code) : HttpStatus.BAD_REQUEST;
        return answer(
                RestErrorTable.problem(status, RestErrorTable.errorTypeOf(status.value()), MalformedParameters.DETAIL),
                HttpHeaders.EMPTY);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return answer(
                RestErrorTable.problem(
                        HttpStatus.INTERNAL_SERVER_ERROR, RestErrorTable.INTERNAL_FAILURE, "Internal service failure."),
                HttpHeaders.EMPTY);
    }

    /**
     * Every problem this handler answers, its own and those of the base class, passes here: one that Spring made
     * gets its error type from its status and a detail without Java names, and each is sent as
     * {@code application/problem+json} whatever the request's Accept header says (an error is always answered
     * with a body: content negotiation would drop it for an Accept header that does not parse).
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ProblemDetail problem = body instanceof ProblemDetail made ? made : null;
        if (problem == null
                || problem.getProperties() == null
                || !problem.getProperties().containsKey("errorType")) {
            String detail = problem == null || JacksonMessages.namesJava(problem.getDetail())
                    ? "The request was refused: " + status.getReasonPhrase() + "."
                    : problem.getDetail();
            problem = RestErrorTable.problem(status, RestErrorTable.errorTypeOf(status.value()), detail);
        }
        return answer(problem, headers);
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        IOException unread = UnreadableInput.find(e, IOException.class);
        if (unread != null && !(unread instanceof RequestTooLargeException)) {
            // Tomcat could not read the body (cut short, badly chunked, stalled) and has begun its own answer.
            handOver(request);
            return null;
        }
        RequestTooLargeException tooLarge = UnreadableInput.find(e, RequestTooLargeException.class);
        if (tooLarge != null) {
            return answer(
                    RestErrorTable.problem(
                            HttpStatus.CONTENT_TOO_LARGE, RestErrorTable.REQUEST_TOO_LARGE, tooLarge.getMessage()),
                    HttpHeaders.EMPTY);
        }
        return answer(
                RestErrorTable.problem(HttpStatus.BAD_REQUEST, "SerializationException", UnreadableInput.describe(e)),
                HttpHeaders.EMPTY);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ValidationException problem = ValidationException.of(
                "Value null at '" + e.getParameterName() + "' failed to satisfy constraint: Member must not be null");
        return answer(RestErrorTable.problem(problem), HttpHeaders.EMPTY);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "a parameter" : "'" + e.getPropertyName() + "'";
        return answer(
                RestErrorTable.problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "Value '" + e.getValue() + "' at " + name + " is not "
                                + UnreadableInput.expected(e.getRequiredType()) + "."),
                HttpHeaders.EMPTY);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return unknownOperation(request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            NoHandlerFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return unknownOperation(request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Set<HttpMethod> allowed = e.getSupportedHttpMethods();
        String detail = describe(request) + " is not an operation of the REST API"
                + (allowed == null || allowed.isEmpty()
                        ? "."
                        : "; this path takes "
                                + String.join(
                                        ", ",
                                        allowed.stream()
                                                .map(HttpMethod::name)
                                                .sorted()
                                                .toList()) + ".");
        return answer(
                RestErrorTable.problem(HttpStatus.METHOD_NOT_ALLOWED, RestErrorTable.UNKNOWN_OPERATION, detail),
                headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String raw = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String sent = e.getContentType() != null
                ? "Content-Type '" + e.getContentType() + "'"
                : raw == null ? "no Content-Type" : "a Content-Type that does not parse";
        return answer(
                RestErrorTable.problem(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "SerializationException",
                        "Send the body as JSON with Content-Type 'application/json' (the request had " + sent + ")."),
                headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(
                RestErrorTable.problem(
                        HttpStatus.NOT_ACCEPTABLE,
                        "SerializationException",
                        "The REST API answers in 'application/json' (errors in 'application/problem+json'); the "
                                + "request's Accept header "
                                + (parses(request.getHeader(HttpHeaders.ACCEPT))
                                        ? "allows neither."
                                        : "does not parse.")),
                HttpHeaders.EMPTY);
    }

    private static boolean parses(String accept) {
        try {
            MediaType.parseMediaTypes(accept);
            return true;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static ResponseEntity<Object> unknownOperation(WebRequest request) {
        return answer(
                RestErrorTable.problem(
                        HttpStatus.NOT_FOUND,
                        RestErrorTable.UNKNOWN_OPERATION,
                        describe(request) + " is not an operation of the REST API; its "
                                + "operations are described at /v3/api-docs and in Swagger UI at /swagger-ui.html."),
                HttpHeaders.EMPTY);
    }

    /** Makes sure Tomcat answers a body it could not read: it began with 400 or 408, or begins with 400 now. */
    private static void handOver(WebRequest request) {
        if (request instanceof ServletWebRequest servlet
                && servlet.getResponse() != null
                && servlet.getResponse().getStatus() < 400) {
            try {
                servlet.getResponse().sendError(HttpStatus.BAD_REQUEST.value());
            } catch (IOException | IllegalStateException e) {
                log.debug("Could not hand an unreadable body over to Tomcat", e);
            }
        }
    }

    private static String describe(WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            HttpServletRequest http = servlet.getRequest();
            return http.getMethod() + " " + http.getRequestURI();
        }
        return "This request";
    }
}
