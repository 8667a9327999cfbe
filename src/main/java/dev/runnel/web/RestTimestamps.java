package dev.runnel.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes every timestamp of the REST API in one fixed form, UTC with exactly three fractional digits
 * ({@code 2026-11-26T10:15:30.000Z}), where Jackson's default drops zero milliseconds and shows nanoseconds.
 * Runnel keeps times to the millisecond, so nothing is lost.
 */
@JacksonComponent
public final class RestTimestamps extends ValueSerializer<Instant> {

    /** The format, for anything else that shows REST timestamps (the console). */
    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
        generator.writeString(FORMAT.format(value));
    }

    @Override
    public Class<?> handledType() {
        return Instant.class;
    }
}
