package dev.runnel.console;

import dev.runnel.core.error.ValidationException;
import dev.runnel.web.WholeNumberText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads form fields that the services take as numbers, with Kinesis-style messages for bad text. */
final class FormInput {

    private FormInput() {}

    /** @throws ValidationException when the text is missing or not a whole number */
    static int wholeNumber(String field, String text) {
        String value = text == null ? "" : text.strip();
        try {
            return WholeNumberText.parseInt(value);
        } catch (NumberFormatException e) {
            throw ValidationException.of("Value '" + value + "' at '" + field
                    + "' failed to satisfy constraint: Member must be a whole number");
        }
    }

    /** @throws ValidationException unless the text names one of the values, as Kinesis words it */
    static <E extends Enum<E>> E choice(String field, String text, E[] values) {
        for (E value : values) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        throw ValidationException.of("Value '" + text + "' at '" + field + "' failed to satisfy constraint: "
                + "Member must satisfy enum value set: " + java.util.Arrays.toString(values));
    }

    /**
     * A point in time as ISO-8601 (with an offset or Z; without one it is taken as UTC), or as epoch seconds
     * with an optional fraction, as the Kinesis JSON protocol writes timestamps.
     *
     * @throws ValidationException when it is neither
     */
    static Instant timestamp(String field, String text) {
        String value = text == null ? "" : text.strip();
        try {
            if (value.matches("\\d{1,12}(\\.\\d{1,9})?")) {
                BigDecimal seconds = new BigDecimal(value);
                return Instant.ofEpochSecond(
                        seconds.longValue(),
                        seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ValidationException.of("Value '" + value + "' at '" + field + "' failed to satisfy constraint: "
                    + "Member must be an ISO-8601 time such as 2026-01-31T12:00:00.250Z, or epoch seconds");
        }
    }
}
