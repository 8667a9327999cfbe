package dev.runnel.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsoleTimeTest {

    @Test
    void alwaysWritesExactlyThreeFractionalDigitsInUtc() {
        assertThat(ConsoleTime.format(Instant.parse("2026-12-06T13:33:45Z"))).isEqualTo("2026-12-06T13:33:45.000Z");
        assertThat(ConsoleTime.format(Instant.parse("2026-12-06T13:33:45.100Z")))
                .isEqualTo("2026-12-06T13:33:45.100Z");
        assertThat(ConsoleTime.format(Instant.parse("2026-12-06T13:33:45.123456789Z")))
                .as("a clock reading is cut to the millisecond, like arrival times")
                .isEqualTo("2026-12-06T13:33:45.123Z");
        assertThat(ConsoleTime.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(ConsoleTime.format(null)).isNull();
    }

    @Test
    void whatItWritesTheRecordsFormReadsBackAsTheSameInstant() {
        Instant arrival = Instant.parse("2026-12-06T13:33:45Z");
        assertThat(FormInput.timestamp("timestamp", ConsoleTime.format(arrival)))
                .isEqualTo(arrival);
    }
}
