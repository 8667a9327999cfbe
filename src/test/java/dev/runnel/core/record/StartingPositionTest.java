package dev.runnel.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ValidationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StartingPositionTest {

    private static final String NUMBER = new SequenceNumber(1, 0, 5).toString();
    private static final Instant TIME = Instant.parse("2025-01-01T00:00:00Z");
    private static final String MISMATCH = "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and "
            + "StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ";

    @Test
    void trimHorizonAndLatestTakeNoNumber() {
        assertThat(StartingPosition.of(ShardIteratorType.TRIM_HORIZON, null, null))
                .isEqualTo(new StartingPosition.TrimHorizon());
        assertThat(StartingPosition.of(ShardIteratorType.LATEST, null, null)).isEqualTo(new StartingPosition.Latest());
        assertThat(StartingPosition.of(ShardIteratorType.TRIM_HORIZON, null, TIME)
                        .type())
                .isEqualTo(ShardIteratorType.TRIM_HORIZON);
        assertThat(StartingPosition.of(ShardIteratorType.LATEST, null, TIME).type())
                .isEqualTo(ShardIteratorType.LATEST);
    }

    @ParameterizedTest
    @EnumSource(
            value = ShardIteratorType.class,
            names = {"TRIM_HORIZON", "LATEST"})
    void trimHorizonAndLatestRejectANumber(ShardIteratorType type) {
        assertThatThrownBy(() -> StartingPosition.of(type, NUMBER, null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(MISMATCH + type + " and also a StartingSequenceNumber.");
        assertThatThrownBy(() -> StartingPosition.of(type, "", null)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void sequenceNumberTypesKeepTheNumberAsText() {
        assertThat(StartingPosition.of(ShardIteratorType.AT_SEQUENCE_NUMBER, NUMBER, null))
                .isEqualTo(new StartingPosition.AtSequenceNumber(NUMBER));
        assertThat(StartingPosition.of(ShardIteratorType.AFTER_SEQUENCE_NUMBER, NUMBER, TIME))
                .isEqualTo(new StartingPosition.AfterSequenceNumber(NUMBER));
        // Decoding happens against a shard later; any number the wire pattern allows is accepted here.
        assertThat(StartingPosition.of(ShardIteratorType.AT_SEQUENCE_NUMBER, "0", null)
                        .type())
                .isEqualTo(ShardIteratorType.AT_SEQUENCE_NUMBER);
        String longest = "1" + "0".repeat(128);
        assertThat(StartingPosition.of(ShardIteratorType.AFTER_SEQUENCE_NUMBER, longest, null)
                        .type())
                .isEqualTo(ShardIteratorType.AFTER_SEQUENCE_NUMBER);
    }

    @ParameterizedTest
    @EnumSource(
            value = ShardIteratorType.class,
            names = {"AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"})
    void sequenceNumberTypesRequireANumber(ShardIteratorType type) {
        assertThatThrownBy(() -> StartingPosition.of(type, null, TIME))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(MISMATCH + type + " and no StartingSequenceNumber.");
    }

    @ParameterizedTest
    @EnumSource(
            value = ShardIteratorType.class,
            names = {"AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"})
    void sequenceNumberTypesRejectNumbersOffTheWirePattern(ShardIteratorType type) {
        for (String bad : new String[] {"", "abc", "01", "-1", "1" + "0".repeat(129)}) {
            assertThatThrownBy(() -> StartingPosition.of(type, bad, null))
                    .as(bad)
                    .isInstanceOf(ValidationException.class)
                    .hasMessage(
                            "1 validation error detected: Value '" + bad + "' at 'startingSequenceNumber' failed to "
                                    + "satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})");
        }
    }

    @Test
    void atTimestampRequiresATimestampAndIgnoresANumber() {
        assertThat(StartingPosition.of(ShardIteratorType.AT_TIMESTAMP, null, TIME))
                .isEqualTo(new StartingPosition.AtTimestamp(TIME));
        assertThat(StartingPosition.of(ShardIteratorType.AT_TIMESTAMP, NUMBER, TIME))
                .isEqualTo(new StartingPosition.AtTimestamp(TIME));
        assertThatThrownBy(() -> StartingPosition.of(ShardIteratorType.AT_TIMESTAMP, null, null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. "
                        + "Current request has no timestamp parameter.");
    }

    @Test
    void everyTypeReportsItself() {
        for (ShardIteratorType type : ShardIteratorType.values()) {
            String number = type.name().contains("SEQUENCE") ? NUMBER : null;
            assertThat(StartingPosition.of(type, number, TIME).type()).isEqualTo(type);
        }
        assertThatThrownBy(() -> StartingPosition.of(null, null, null)).isInstanceOf(NullPointerException.class);
    }
}
