package dev.runnel.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the console writes every instant it shows: UTC ISO-8601 with exactly three fractional digits, e.g.
 * {@code 2026-12-06T13:33:45.000Z}. Arrival times have millisecond precision, so the digits are always there
 * (Instant.toString() drops them on a whole second, and shows micro- or nanoseconds of clock readings); the
 * text is what the records form takes back as an AT_TIMESTAMP. View models hold these strings, never
 * Instants, so no page can fall back on Instant.toString().
 */
final class ConsoleTime {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ConsoleTime() {
    }

    /** The instant to the millisecond (truncated), or null for null. */
    static String format(Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }
}
