package dev.runnel.aws;

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
import dev.runnel.web.JacksonMessages;
import dev.runnel.web.ProtocolError;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
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

    /**
     * An error as it goes on the wire; the message is made {@linkplain ErrorText#printable printable}, as it may
     * echo what the client sent.
     */
    public record AwsError(int status, String type, String message) {

        public AwsError {
            message = ErrorText.printable(message);
        }

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
            Map.entry(InternalFailureException.class, 500),
            Map.entry(ServiceUnavailableException.class, 503));

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

    /** An error Tomcat found beneath the edge (a body cut short or stalled, headers over the limit). */
    public static AwsError of(ProtocolError e) {
        return new AwsError(e.status(), e.errorType(), e.detail());
    }

    /** A body that did not decode into the operation's request shape. */
    public static AwsError unreadable(JacksonException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KinesisException kinesis) {
                return of(kinesis);
            }
        }
        String reason = JacksonMessages.reason(e);
        String path = JacksonMessages.path(e, AwsErrors::memberName);
        return of(new SerializationException("The request body could not be decoded"
                + (path.isEmpty() ? "" : " at '" + path + "'")
                + (reason == null ? "." : ": " + reason + ".")));
    }

    /**
     * How a member named on the wire ({@code StreamName}) reads in a member path ({@code streamName}), as AWS
     * writes member paths.
     */
    static String memberName(String wireName) {
        int upper = 0;
        while (upper < wireName.length() && Character.isUpperCase(wireName.charAt(upper))) {
            upper++;
        }
        // "StreamName" -> "streamName", "GSRSchemaARN" -> "gsrSchemaARN", "ARN" -> "arn"
        int lower = upper > 1 && upper < wireName.length() ? upper - 1 : Math.max(upper, 1);
        return wireName.substring(0, Math.min(lower, wireName.length())).toLowerCase(Locale.ROOT)
                + wireName.substring(Math.min(lower, wireName.length()));
    }

    /**
     * A value of the wrong type, worded as AWS words it where it has a wording (a scalar member, a list or a
     * structure where none belongs); a scalar where a list, map or structure belongs is worded by its member path.
     *
     * @param token the token the parser met where the value was expected
     */
    public static KinesisException typeError(MismatchedInputException e, JsonToken token) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KinesisException kinesis) {
                return kinesis;
            }
        }
        String scalar = scalarName(e.getTargetType());
        if (scalar != null || token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
            return new SerializationException(typeMismatch(token, scalar == null ? "value" : scalar));
        }
        String path = JacksonMessages.path(e, AwsErrors::memberName);
        return new SerializationException("Expected " + compoundName(e.getTargetType())
                + (path.isEmpty() ? " as the request body" : " at '" + path + "'") + " but found " + found(token)
                + ".");
    }

    /**
     * The request body is not a structure: null, a scalar or a list. A list gets AWS's text; the rest is worded
     * like a member of the wrong type.
     */
    public static SerializationException notAStructure(JsonToken token) {
        if (token == JsonToken.START_ARRAY) {
            return new SerializationException(typeMismatch(token, "value"));
        }
        return new SerializationException(
                "Expected a structure or map as the request body but found " + found(token) + ".");
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
            default -> "Expected " + target + " but found " + found(token);
        };
    }

    static String article(String target) {
        return target.startsWith("a ") || target.startsWith("milliseconds") ? target : "an " + target;
    }

    /** The name AWS gives a scalar type in its messages, or null for a list, map or structure. */
    private static String scalarName(Class<?> type) {
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
        return null;
    }

    private static String compoundName(Class<?> type) {
        if (type != null && (Collection.class.isAssignableFrom(type) || type.isArray())) {
            return "a list";
        }
        return "a structure or map";
    }

    /** What a token is, in JSON's (and CBOR's) terms, for messages about a body that does not decode. */
    public static String found(JsonToken token) {
        if (token == null) {
            return "the end of the body";
        }
        return switch (token) {
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_STRING -> "a string";
            case VALUE_EMBEDDED_OBJECT -> "a byte string";
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a structure or map";
            default -> "something else";
        };
    }
}
