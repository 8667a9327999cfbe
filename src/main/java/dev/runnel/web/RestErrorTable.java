package dev.runnel.web;

import dev.runnel.core.error.ErrorText;
import dev.runnel.core.error.ExpiredIteratorException;
import dev.runnel.core.error.ExpiredNextTokenException;
import dev.runnel.core.error.InternalFailureException;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.KinesisException;
import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.ProvisionedThroughputExceededException;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.error.SerializationException;
import dev.runnel.core.error.ServiceUnavailableException;
import dev.runnel.core.error.ValidationException;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * How the REST API reports each error: an RFC 9457 problem whose {@code type} names the error
 * ({@code urn:runnel:error:ResourceNotFoundException}), with an {@code errorType} member holding the bare name
 * and a fitting HTTP status. Kinesis errors keep their Kinesis names; three more cover what happens before a
 * request reaches a Runnel operation. The README's error table and the OpenAPI document's {@code Problem}
 * schema mirror this one.
 */
public final class RestErrorTable {

    public static final String TYPE_PREFIX = "urn:runnel:error:";
    /** The body is larger than {@code runnel.http.max-request-size} (413). */
    public static final String REQUEST_TOO_LARGE = "RequestTooLarge";
    /** No REST operation has this path and method (404, 405). */
    public static final String UNKNOWN_OPERATION = "UnknownOperationException";
    /** No part of the request body arrived for {@code runnel.http.body-read-timeout} (408). */
    public static final String REQUEST_TIMEOUT = "RequestTimeout";
    /** A bug in Runnel (500); the details are logged, never sent. */
    public static final String INTERNAL_FAILURE = "InternalFailure";
    /** A request that cannot be decoded: its body, path, query or HTTP framing (400, 406, 415, 417). */
    private static final String SERIALIZATION = "SerializationException";

    private record Row(String errorType, HttpStatus status) {}

    private static final Map<Class<? extends KinesisException>, Row> ROWS = rows();

    private static Map<Class<? extends KinesisException>, Row> rows() {
        Map<Class<? extends KinesisException>, Row> rows = new LinkedHashMap<>();
        rows.put(ValidationException.class, new Row("ValidationException", HttpStatus.BAD_REQUEST));
        rows.put(InvalidArgumentException.class, new Row("InvalidArgumentException", HttpStatus.BAD_REQUEST));
        rows.put(SerializationException.class, new Row(SERIALIZATION, HttpStatus.BAD_REQUEST));
        rows.put(ExpiredIteratorException.class, new Row("ExpiredIteratorException", HttpStatus.BAD_REQUEST));
        rows.put(ExpiredNextTokenException.class, new Row("ExpiredNextTokenException", HttpStatus.BAD_REQUEST));
        rows.put(ResourceNotFoundException.class, new Row("ResourceNotFoundException", HttpStatus.NOT_FOUND));
        rows.put(ResourceInUseException.class, new Row("ResourceInUseException", HttpStatus.CONFLICT));
        rows.put(LimitExceededException.class, new Row("LimitExceededException", HttpStatus.TOO_MANY_REQUESTS));
        rows.put(
                ProvisionedThroughputExceededException.class,
                new Row("ProvisionedThroughputExceededException", HttpStatus.TOO_MANY_REQUESTS));
        rows.put(InternalFailureException.class, new Row(INTERNAL_FAILURE, HttpStatus.INTERNAL_SERVER_ERROR));
        rows.put(ServiceUnavailableException.class, new Row("ServiceUnavailable", HttpStatus.SERVICE_UNAVAILABLE));
        return Collections.unmodifiableMap(rows);
    }

    private RestErrorTable() {}

    /** Every {@code errorType} a REST problem can carry, Kinesis errors first, in a stable order. */
    public static List<String> errorTypes() {
        return Stream.concat(
                        ROWS.values().stream().map(Row::errorType).filter(t -> !t.equals(INTERNAL_FAILURE)),
                        Stream.of(UNKNOWN_OPERATION, REQUEST_TOO_LARGE, REQUEST_TIMEOUT, INTERNAL_FAILURE))
                .toList();
    }

    /**
     * The error type of an answer known only by its status, such as one Spring MVC or Tomcat makes: a path or
     * method with no operation (404, 405), a body too large (413, and a URI or headers too large: 414, 431), a
     * stalled body (408), any other refused request (SerializationException) and any failure of the server.
     */
    public static String errorTypeOf(int status) {
        return switch (status) {
            case 404, 405 -> UNKNOWN_OPERATION;
            case 408 -> REQUEST_TIMEOUT;
            case 413, 414, 431 -> REQUEST_TOO_LARGE;
            default -> status >= 500 ? INTERNAL_FAILURE : SERIALIZATION;
        };
    }

    /** The HTTP status for an error type; every permitted subtype of {@link KinesisException} has one. */
    public static HttpStatus statusOf(Class<? extends KinesisException> type) {
        return row(type).status();
    }

    public static ProblemDetail problem(KinesisException e) {
        Row row = row(e.getClass());
        return problem(row.status(), row.errorType(), e.getMessage());
    }

    /**
     * A problem of one of {@link #errorTypes()} with the given status and human-readable detail; the detail is
     * made {@linkplain ErrorText#printable printable}, as it may echo what the client sent.
     */
    public static ProblemDetail problem(HttpStatus status, String errorType, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ErrorText.printable(detail));
        problem.setType(URI.create(TYPE_PREFIX + errorType));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("errorType", errorType);
        return problem;
    }

    private static Row row(Class<? extends KinesisException> type) {
        Row row = ROWS.get(type);
        if (row == null) {
            throw new IllegalStateException("no REST row for " + type.getSimpleName());
        }
        return row;
    }
}
