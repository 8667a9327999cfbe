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
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * How the REST API reports each Kinesis error: an RFC 9457 problem whose {@code type} names the exception
 * ({@code urn:runnel:error:ResourceNotFoundException}), with an {@code errorType} member holding the bare name
 * and a fitting HTTP status. The README's error table mirrors this one.
 */
public final class RestErrorTable {

    public static final String TYPE_PREFIX = "urn:runnel:error:";

    private static final Map<Class<? extends KinesisException>, HttpStatus> STATUS = Map.ofEntries(
            Map.entry(ResourceNotFoundException.class, HttpStatus.NOT_FOUND),
            Map.entry(ResourceInUseException.class, HttpStatus.CONFLICT),
            Map.entry(InvalidArgumentException.class, HttpStatus.BAD_REQUEST),
            Map.entry(ValidationException.class, HttpStatus.BAD_REQUEST),
            Map.entry(SerializationException.class, HttpStatus.BAD_REQUEST),
            Map.entry(ExpiredIteratorException.class, HttpStatus.BAD_REQUEST),
            Map.entry(ExpiredNextTokenException.class, HttpStatus.BAD_REQUEST),
            Map.entry(LimitExceededException.class, HttpStatus.TOO_MANY_REQUESTS),
            Map.entry(ProvisionedThroughputExceededException.class, HttpStatus.TOO_MANY_REQUESTS),
            Map.entry(InternalFailureException.class, HttpStatus.INTERNAL_SERVER_ERROR));

    private RestErrorTable() {
    }

    /** The HTTP status for an error type; every permitted subtype of {@link KinesisException} has one. */
    public static HttpStatus statusOf(Class<? extends KinesisException> type) {
        HttpStatus status = STATUS.get(type);
        if (status == null) {
            throw new IllegalStateException("no REST status for " + type.getSimpleName());
        }
        return status;
    }

    public static ProblemDetail problem(KinesisException e) {
        return problem(statusOf(e.getClass()), e.errorType(), e.getMessage());
    }

    public static ProblemDetail problem(HttpStatus status, String errorType, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + errorType));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("errorType", errorType);
        return problem;
    }
}
