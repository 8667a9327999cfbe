package dev.runnel.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class RetentionTest {

    @Test
    void acceptsTwentyFourToEightThousandSevenHundredSixtyHours() {
        assertThat(Retention.checkRange(24)).isEqualTo(24);
        assertThat(Retention.checkRange(168)).isEqualTo(168);
        assertThat(Retention.checkRange(8760)).isEqualTo(8760);
        assertThat(Retention.DEFAULT_HOURS).isEqualTo(24);
    }

    @Test
    void rejectsTooShortWithAwsMessage() {
        assertThatThrownBy(() -> Retention.checkRange(23))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(
                        "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.");
        assertThatThrownBy(() -> Retention.checkRange(0)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Retention.checkRange(-5)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void rejectsTooLong() {
        assertThatThrownBy(() -> Retention.checkRange(8761))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(
                        "Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.");
    }

    @Test
    void increaseMayNotShorten() {
        assertThat(Retention.checkIncrease("s", 24, 48)).isEqualTo(48);
        assertThat(Retention.checkIncrease("s", 48, 48)).isEqualTo(48);
        assertThatThrownBy(() -> Retention.checkIncrease("s", 48, 24))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Requested retention period (24 hours) for stream s can not be shorter than existing "
                        + "retention period (48 hours). Use DecreaseRetentionPeriod API.");
        assertThatThrownBy(() -> Retention.checkIncrease("s", 24, 8761))
                .hasMessageContaining("Maximum allowed retention period is 8760 hours.");
    }

    @Test
    void decreaseMayNotLengthen() {
        assertThat(Retention.checkDecrease("s", 48, 24)).isEqualTo(24);
        assertThat(Retention.checkDecrease("s", 48, 48)).isEqualTo(48);
        assertThatThrownBy(() -> Retention.checkDecrease("s", 24, 48))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Requested retention period (48 hours) for stream s can not be longer than existing "
                        + "retention period (24 hours). Use IncreaseRetentionPeriod API.");
        assertThatThrownBy(() -> Retention.checkDecrease("s", 48, 23))
                .hasMessage(
                        "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.");
    }

    @Test
    void cutoffIsNowMinusTheRetention() {
        assertThat(Retention.cutoffMillis(100_000_000L, 24)).isEqualTo(100_000_000L - 86_400_000L);
        assertThat(Retention.cutoffMillis(0, 8760)).isEqualTo(-8760L * 3_600_000L);
    }
}
