package dev.runnel.console;

import dev.runnel.web.RestTimestamps;
import java.time.Instant;

/**
 * How the console writes every instant it shows: as the REST API does ({@link RestTimestamps#FORMAT}), UTC
 * ISO-8601 with exactly three fractional digits, e.g. {@code 2026-12-06T13:33:45.000Z}. Arrival times have
 * millisecond precision, so the digits are always there (Instant.toString() drops them on a whole second, and
 * shows micro- or nanoseconds of clock readings); the text is what the records form takes back as an
 * AT_TIMESTAMP. View models hold these strings, never Instants, so no page can fall back on Instant.toString().
 */
final class ConsoleTime {

    private ConsoleTime() {}

    /** The instant to the millisecond (truncated), or null for null. */
    static String format(Instant instant) {
        return instant == null ? null : RestTimestamps.FORMAT.format(instant);
    }
}
