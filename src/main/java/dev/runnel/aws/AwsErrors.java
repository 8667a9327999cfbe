package dev.runnel.aws;

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
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * How the AWS edge reports errors: a body {@code {"__type": "<Name>", "message": "…"}} in the request's
 * encoding, HTTP 400 for every modelled error and 500 only for internal failures, as the SDKs expect.
 * SerializationException carries its text in a capital-M {@code Message}, as AWS sends it.
 */
public final class AwsErrors {

    /** An error as it goes on the wire. */
    public record AwsError(int status, String type, String message) {

        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("__type", type);
            if (message != null) {
                body.put(type.equals("SerializationException") ? "Message" : "message", message);
            }
            return body;
        }
    }

    private static final Map<Class<? extends KinesisException>, Integer> STATUS = Map.ofEntries(
            Map.entry(ResourceNotFoundException.class, 400),
            Map.entry(ResourceInUseException.class, 400),
            Map.entry(InvalidArgumentException.class, 400),
            Map.entry(ValidationException.class, 400),
            Map.entry(SerializationException.class, 400),
            Map.entry(ExpiredIteratorException.class, 400),
            Map.entry(ExpiredNextTokenException.class, 400),
            Map.entry(LimitExceededException.class, 400),
            Map.entry(ProvisionedThroughputExceededException.class, 400),
            Map.entry(InternalFailureException.class, 500));

    private AwsErrors() {}

    /** The HTTP status of an error type; every permitted subtype of {@link KinesisException} has one. */
    public static int statusOf(Class<? extends KinesisException> type) {
        Integer status = STATUS.get(type);
        if (status == null) {
            throw new IllegalStateException("no AWS status for " + type.getSimpleName());
        }
        return status;
    }

    public static AwsError of(KinesisException e) {
        return new AwsError(statusOf(e.getClass()), e.errorType(), e.getMessage());
    }

    public static AwsError unknownOperation(String message) {
        return new AwsError(400, "UnknownOperationException", message);
    }

    /**
     * A common AWS error the SDKs retry: Runnel raises it when fault injection asks for it, and when too many request
     * bodies are in flight to take another.
     */
    public static AwsError serviceUnavailable(String message) {
        return new AwsError(503, "ServiceUnavailable", message);
    }

    public static AwsError internalFailure() {
        return new AwsError(500, "InternalFailure", "Internal service failure.");
    }

    /** A body that did not decode into the operation's request shape. */
    public static AwsError unreadable(JacksonException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KinesisException kinesis) {
                return of(kinesis);
            }
        }
        return of(new SerializationException(e.getOriginalMessage()));
    }

    /**
     * A value of the wrong type, worded as AWS words it.
     *
     * @param token the token the parser met where the value was expected
     */
    public static KinesisException typeError(MismatchedInputException e, JsonToken token) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KinesisException kinesis) {
                return kinesis;
            }
        }
        return new SerializationException(typeMismatch(token, typeName(e.getTargetType())));
    }

    /** AWS's wording for a value of the wrong type. */
    static String typeMismatch(JsonToken token, String target) {
        if (token == null) {
            return "Unexpected end of input where " + target + " was expected";
        }
        return switch (token) {
            case START_ARRAY -> "Start of list found where not expected";
            case START_OBJECT -> "Start of structure or map found where not expected.";
            case VALUE_TRUE, VALUE_FALSE -> "class java.lang.Boolean can not be converted to " + article(target);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to "
                        + article(target);
            case VALUE_STRING -> "class java.lang.String can not be converted to " + article(target);
            default -> "Unexpected " + token + " where " + target + " was expected";
        };
    }

    private static String article(String target) {
        return target.startsWith("a ") || target.startsWith("milliseconds") ? target : "an " + target;
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == Integer.class || type == int.class) {
            return "Integer";
        }
        if (type == Long.class || type == long.class) {
            return "Long";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "Boolean";
        }
        if (type == String.class) {
            return "String";
        }
        return type.getSimpleName();
    }
}
