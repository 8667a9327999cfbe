package dev.runnel.web;

import dev.runnel.core.error.KinesisException;
import dev.runnel.core.error.ProvisionedThroughputExceededException;
import dev.runnel.core.error.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure of a REST call into an RFC 9457 problem: Kinesis errors by {@link RestErrorTable},
 * unreadable or mistyped input as SerializationException (400), an oversized body as 413, anything
 * unexpected as InternalFailure (500) without internals. The AWS edge has its own table.
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
        return ResponseEntity.internalServerError().body(RestErrorTable.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "InternalFailure", "Internal service failure."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable tooLarge = find(e, RequestTooLargeException.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(RestErrorTable.problem(HttpStatus.CONTENT_TOO_LARGE, "RequestTooLarge", tooLarge.getMessage()));
        }
        return ResponseEntity.badRequest().body(RestErrorTable.problem(HttpStatus.BAD_REQUEST,
                "SerializationException", describe(e)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ValidationException problem = ValidationException.of("Value null at '" + e.getParameterName()
                + "' failed to satisfy constraint: Member must not be null");
        return ResponseEntity.badRequest().body(RestErrorTable.problem(problem));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        String name = e.getPropertyName() == null ? "a parameter" : "'" + e.getPropertyName() + "'";
        return ResponseEntity.badRequest().body(RestErrorTable.problem(HttpStatus.BAD_REQUEST, "SerializationException",
                "Value '" + e.getValue() + "' at " + name + " can not be converted to " + type + "."));
    }

    private static String describe(HttpMessageNotReadableException e) {
        JacksonException jackson = find(e, JacksonException.class);
        if (jackson == null) {
            return "The request body is missing or is not valid JSON.";
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : jackson.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getIndex() + 1);
            }
        }
        String where = path.isEmpty() ? "" : " at '" + path + "'";
        return "The request body could not be read" + where + ": " + jackson.getOriginalMessage();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
