package dev.runnel.web;

import dev.runnel.core.error.KinesisException;
import dev.runnel.core.error.ProvisionedThroughputExceededException;
import dev.runnel.core.error.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
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
    ResponseEntity<ProblemDetail> kinesis(KinesisException e) {
        ProblemDetail problem = RestErrorTable.problem(e);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
        if (e instanceof ProvisionedThroughputExceededException) {
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError()
                .body(RestErrorTable.problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        RestErrorTable.INTERNAL_FAILURE,
                        "Internal service failure."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestTooLargeException tooLarge = UnreadableInput.find(e, RequestTooLargeException.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(RestErrorTable.problem(
                            HttpStatus.CONTENT_TOO_LARGE, RestErrorTable.REQUEST_TOO_LARGE, tooLarge.getMessage()));
        }
        return ResponseEntity.badRequest()
                .body(RestErrorTable.problem(
                        HttpStatus.BAD_REQUEST, "SerializationException", UnreadableInput.describe(e)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ValidationException problem = ValidationException.of(
                "Value null at '" + e.getParameterName() + "' failed to satisfy constraint: Member must not be null");
        return ResponseEntity.badRequest().body(RestErrorTable.problem(problem));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "a parameter" : "'" + e.getPropertyName() + "'";
        return ResponseEntity.badRequest()
                .body(RestErrorTable.problem(
                        HttpStatus.BAD_REQUEST,
                        "SerializationException",
                        "Value '" + e.getValue() + "' at " + name + " is not "
                                + UnreadableInput.expected(e.getRequiredType()) + "."));
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
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .headers(headers)
                .body(RestErrorTable.problem(HttpStatus.METHOD_NOT_ALLOWED, RestErrorTable.UNKNOWN_OPERATION, detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String sent = e.getContentType() == null ? "no Content-Type" : "Content-Type '" + e.getContentType() + "'";
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .headers(headers)
                .body(RestErrorTable.problem(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "SerializationException",
                        "Send the body as JSON with Content-Type 'application/json' (the request had " + sent + ")."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
                .body(RestErrorTable.problem(
                        HttpStatus.NOT_ACCEPTABLE,
                        "SerializationException",
                        "The REST API answers in 'application/json' (errors in "
                                + "'application/problem+json'); the request's Accept header allows neither."));
    }

    private static ResponseEntity<Object> unknownOperation(WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(RestErrorTable.problem(
                        HttpStatus.NOT_FOUND,
                        RestErrorTable.UNKNOWN_OPERATION,
                        describe(request) + " is not an operation of the REST API; its "
                                + "operations are described at /v3/api-docs and in Swagger UI at /swagger-ui.html."));
    }

    private static String describe(WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            HttpServletRequest http = servlet.getRequest();
            return http.getMethod() + " " + http.getRequestURI();
        }
        return "This request";
    }
}
