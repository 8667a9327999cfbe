package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.account.CommitmentStatus;
import dev.runnel.support.RunnelFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountSettingsServiceTest {

    private final RunnelFixture f = new RunnelFixture();
    private final AccountSettingsService settings = f.accountSettings;

    @Test
    void theCommitmentLastsADayAndHoldsUntilItsScheduledEnd() {
        assertThat(settings.commitmentActive()).isFalse();
        assertThat(settings.updateCommitment(true).statusAt(f.clock.instant())).isEqualTo(CommitmentStatus.ENABLED);
        f.clock.advance(Duration.ofHours(1));
        assertThat(settings.updateCommitment(false).statusAt(f.clock.instant()))
                .isEqualTo(CommitmentStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
        assertThat(settings.commitmentActive())
                .as("warm throughput stays available until the end")
                .isTrue();
        f.clock.advance(Duration.ofHours(23));
        assertThat(settings.commitmentActive()).isFalse();
        assertThat(settings.commitment().statusAt(f.clock.instant())).isEqualTo(CommitmentStatus.DISABLED);
    }
}
