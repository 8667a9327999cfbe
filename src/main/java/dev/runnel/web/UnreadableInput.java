package dev.runnel.web;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Words why a REST request body could not be read, for people: where (the member path, or the line and column of
 * malformed JSON), what was found and what was expected, without Jackson's class names or settings.
 */
final class UnreadableInput {

    private UnreadableInput() {}

    static String describe(HttpMessageNotReadableException e) {
        JacksonException jackson = find(e, JacksonException.class);
        if (jackson == null) {
            return "The request body is missing or is not valid JSON.";
        }
        if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String where = path(jackson);
            String value = mismatch instanceof InvalidFormatException format && format.getValue() != null
                    ? "Value '" + format.getValue() + "'"
                    : "The value";
            return (where.isEmpty() ? "The request body" : value + " at '" + where + "'") + " is not "
                    + expected(mismatch.getTargetType()) + ".";
        }
        if (jackson instanceof InputCoercionException coercion) {
            String where = path(jackson);
            return "The number" + (where.isEmpty() ? "" : " at '" + where + "'") + " is out of range"
                    + range(coercion.getTargetType()) + ".";
        }
        if (jackson instanceof StreamReadException) {
            String reason = JacksonMessages.reason(jackson);
            TokenStreamLocation location = jackson.getLocation();
            String at = location == null || location.getLineNr() < 1
                    ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            return "The request body is not valid JSON" + at + (reason == null ? "." : ": " + reason + ".");
        }
        String where = path(jackson);
        return "The request body could not be read" + (where.isEmpty() ? "" : " at '" + where + "'") + ".";
    }

    /** What a value of {@code type} looks like, for messages: "a whole number", "an ISO-8601 timestamp …". */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of the expected type";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "an ISO-8601 timestamp such as 2026-11-26T10:15:30.123Z";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        return "of the expected type";
    }

    private static String range(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return " (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")";
        }
        if (type == long.class || type == Long.class) {
            return " (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")";
        }
        return "";
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The member path as the error messages write it: {@code records.3.data} (indexes from 1, as AWS counts). */
    private static String path(JacksonException jackson) {
        return JacksonMessages.path(jackson, name -> name);
    }
}
