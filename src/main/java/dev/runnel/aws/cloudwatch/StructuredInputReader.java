package dev.runnel.aws.cloudwatch;

import dev.runnel.aws.AwsErrors;
import dev.runnel.web.JacksonMessages;
import java.util.Collection;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads PutMetricData's request from a CBOR or JSON body. An empty body is a request with no members (Smithy
 * servers accept one); anything that does not decode into the request's shape is UNREADABLE
 * ({@code SerializationException}), saying where (as awsQuery names members: {@code MetricData.member.1.Value}) and
 * why, when the decoder says.
 */
final class StructuredInputReader {

    private final ObjectMapper mapper;

    StructuredInputReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    PutMetricDataInput read(byte[] body) {
        if (body.length == 0) {
            return new PutMetricDataInput(null, null, null, null);
        }
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw CloudWatchException.unreadable(
                        "Expected a structure as the request body but found " + AwsErrors.found(first) + ".");
            }
            try {
                PutMetricDataInput input = mapper.readValue(parser, PutMetricDataInput.class);
                if (parser.nextToken() != null) {
                    throw CloudWatchException.unreadable("Unexpected content after the end of the request body.");
                }
                return input;
            } catch (MismatchedInputException e) {
                throw mismatch(e, parser.currentToken());
            }
        } catch (JacksonException e) {
            throw unreadable(e);
        }
    }

    private static CloudWatchException mismatch(MismatchedInputException e, JsonToken found) {
        CloudWatchException own = own(e);
        if (own != null) {
            return own;
        }
        return CloudWatchException.unreadable(
                at(e) + "expected " + expected(e.getTargetType()) + " but found " + AwsErrors.found(found) + ".");
    }

    private static CloudWatchException unreadable(JacksonException e) {
        CloudWatchException own = own(e);
        if (own != null) {
            return own;
        }
        String reason = JacksonMessages.reason(e);
        return CloudWatchException.unreadable(
                "The request body could not be decoded" + (reason == null ? "." : ": " + reason + "."));
    }

    /** A refusal of the edge's own deserializers, with where it happened. */
    private static CloudWatchException own(JacksonException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CloudWatchException own) {
                String at = at(e);
                return at.isEmpty() ? own : CloudWatchException.unreadable(at + own.getMessage());
            }
        }
        return null;
    }

    /** {@code "At 'MetricData.member.1.Value': "}, or empty at the top level. */
    private static String at(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append(path.isEmpty() ? "" : ".").append("member.").append(reference.getIndex() + 1);
            }
        }
        return path.isEmpty() ? "" : "At '" + path + "': ";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Double.class || type == Integer.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "a boolean";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a structure";
    }
}
