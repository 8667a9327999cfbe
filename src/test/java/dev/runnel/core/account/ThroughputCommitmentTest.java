package dev.runnel.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThroughputCommitmentTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00.123456Z");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00.123Z");
    private static final Instant EARLIEST = START.plus(Duration.ofHours(24));

    @Test
    void anAccountThatNeverCommittedIsDisabledAndDisablingItChangesNothing() {
        ThroughputCommitment none = ThroughputCommitment.NONE;
        assertThat(none.statusAt(T0)).isEqualTo(CommitmentStatus.DISABLED);
        assertThat(none.isActiveAt(T0)).isFalse();
        assertThat(none.disabledAt(T0)).isSameAs(none);
        assertThat(none.endedAt(T0)).isNull();
    }

    @Test
    void enablingStartsA24HourCommitmentToTheMillisecond() {
        ThroughputCommitment enabled = ThroughputCommitment.NONE.enabledAt(T0);
        assertThat(enabled).isEqualTo(new ThroughputCommitment(START, EARLIEST, null));
        assertThat(enabled.statusAt(T0)).isEqualTo(CommitmentStatus.ENABLED);
        assertThat(enabled.statusAt(T0.plus(Duration.ofDays(400)))).isEqualTo(CommitmentStatus.ENABLED);
        assertThat(enabled.enabledAt(T0.plusSeconds(60)))
                .as("enabling twice keeps the start")
                .isEqualTo(enabled);
    }

    @Test
    void disablingBeforeTheEarliestEndSchedulesTheEndThere() {
        Instant hourLater = T0.plus(Duration.ofHours(1));
        ThroughputCommitment ending = ThroughputCommitment.NONE.enabledAt(T0).disabledAt(hourLater);
        assertThat(ending.statusAt(hourLater)).isEqualTo(CommitmentStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
        assertThat(ending.isActiveAt(EARLIEST.minusMillis(1))).isTrue();
        assertThat(ending.endedAt(hourLater))
                .as("the end is not reported before it comes")
                .isNull();

        assertThat(ending.statusAt(EARLIEST)).isEqualTo(CommitmentStatus.DISABLED);
        assertThat(ending.endedAt(EARLIEST)).isEqualTo(EARLIEST);
        assertThat(ending.disabledAt(EARLIEST.plusSeconds(1)))
                .as("already ended")
                .isSameAs(ending);
    }

    @Test
    void enablingAgainBeforeTheScheduledEndCancelsIt() {
        Instant hourLater = T0.plus(Duration.ofHours(1));
        ThroughputCommitment ending = ThroughputCommitment.NONE.enabledAt(T0).disabledAt(hourLater);
        ThroughputCommitment kept = ending.enabledAt(hourLater.plusSeconds(1));
        assertThat(kept).isEqualTo(new ThroughputCommitment(START, EARLIEST, null));
        assertThat(kept.statusAt(EARLIEST.plusSeconds(1))).isEqualTo(CommitmentStatus.ENABLED);
    }

    @Test
    void disablingAfterTheMinimumDurationEndsItAtOnceAndEnablingLaterStartsAnew() {
        Instant later = EARLIEST.plus(Duration.ofHours(5));
        ThroughputCommitment ended = ThroughputCommitment.NONE.enabledAt(T0).disabledAt(later);
        assertThat(ended.statusAt(later)).isEqualTo(CommitmentStatus.DISABLED);
        assertThat(ended.endedAt(later)).isEqualTo(later);
        assertThat(ended.startedAt()).isEqualTo(START);

        Instant again = later.plusSeconds(10);
        ThroughputCommitment renewed = ended.enabledAt(again);
        assertThat(renewed).isEqualTo(new ThroughputCommitment(again, again.plus(Duration.ofHours(24)), null));
    }
}
