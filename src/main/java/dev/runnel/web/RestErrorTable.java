package dev.runnel.web;

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
    /** A bug in Runnel (500); the details are logged, never sent. */
    public static final String INTERNAL_FAILURE = "InternalFailure";

    private record Row(String errorType, HttpStatus status) {}

    private static final Map<Class<? extends KinesisException>, Row> ROWS = rows();

    private static Map<Class<? extends KinesisException>, Row> rows() {
        Map<Class<? extends KinesisException>, Row> rows = new LinkedHashMap<>();
        rows.put(ValidationException.class, new Row("ValidationException", HttpStatus.BAD_REQUEST));
        rows.put(InvalidArgumentException.class, new Row("InvalidArgumentException", HttpStatus.BAD_REQUEST));
        rows.put(SerializationException.class, new Row("SerializationException", HttpStatus.BAD_REQUEST));
        rows.put(ExpiredIteratorException.class, new Row("ExpiredIteratorException", HttpStatus.BAD_REQUEST));
        rows.put(ExpiredNextTokenException.class, new Row("ExpiredNextTokenException", HttpStatus.BAD_REQUEST));
        rows.put(ResourceNotFoundException.class, new Row("ResourceNotFoundException", HttpStatus.NOT_FOUND));
        rows.put(ResourceInUseException.class, new Row("ResourceInUseException", HttpStatus.CONFLICT));
        rows.put(LimitExceededException.class, new Row("LimitExceededException", HttpStatus.TOO_MANY_REQUESTS));
        rows.put(
                ProvisionedThroughputExceededException.class,
                new Row("ProvisionedThroughputExceededException", HttpStatus.TOO_MANY_REQUESTS));
        rows.put(InternalFailureException.class, new Row(INTERNAL_FAILURE, HttpStatus.INTERNAL_SERVER_ERROR));
        return Collections.unmodifiableMap(rows);
    }

    private RestErrorTable() {}

    /** Every {@code errorType} a REST problem can carry, Kinesis errors first, in a stable order. */
    public static List<String> errorTypes() {
        return Stream.concat(
                        ROWS.values().stream().map(Row::errorType).filter(t -> !t.equals(INTERNAL_FAILURE)),
                        Stream.of(UNKNOWN_OPERATION, REQUEST_TOO_LARGE, INTERNAL_FAILURE))
                .toList();
    }

    /** The HTTP status for an error type; every permitted subtype of {@link KinesisException} has one. */
    public static HttpStatus statusOf(Class<? extends KinesisException> type) {
        return row(type).status();
    }

    public static ProblemDetail problem(KinesisException e) {
        Row row = row(e.getClass());
        return problem(row.status(), row.errorType(), e.getMessage());
    }

    /** A problem of one of {@link #errorTypes()} with the given status and human-readable detail. */
    public static ProblemDetail problem(HttpStatus status, String errorType, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
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
