package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.stream.RecordDistribution;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamFeatures;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.StreamStatus;
import dev.runnel.support.RunnelFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** UpdateStreamWarmThroughput, warm throughput through UpdateStreamMode, and what a switch to PROVISIONED drops. */
class WarmThroughputScalingTest {

    private static final String ACCOUNT = RunnelFixture.ACCOUNT;
    private static final String NEEDS_COMMITMENT = "WarmThroughputMiBps can only be set for ON_DEMAND streams in an "
            + "account with MinimumThroughputBillingCommitment enabled.";

    private final RunnelFixture f = new RunnelFixture();
    private final StreamName name = StreamName.of("od");
    private final Duration updateDelay = f.properties.streams().updateDelay();

    private Stream onDemand() {
        f.streams.create(CreateStreamCommand.of("od", StreamMode.ON_DEMAND, null, null, null, null));
        f.clock.advance(f.properties.streams().createDelay());
        return f.streams.describe(name);
    }

    private Stream current() {
        return f.streams.describe(name);
    }

    @Test
    void warmThroughputNeedsTheAccountsCommitment() {
        onDemand();
        assertThatThrownBy(() -> f.resharding.updateWarmThroughput(name, 10))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(NEEDS_COMMITMENT);
        f.accountSettings.updateCommitment(true);
        assertThat(f.resharding.updateWarmThroughput(name, 2).features().warmThroughputMiBps())
                .isEqualTo(2);
    }

    @Test
    void raisingItScalesTheStreamUpAtOnceAndItIsUpdatingForTheDelay() {
        onDemand();
        f.accountSettings.updateCommitment(true);
        Stream warm = f.resharding.updateWarmThroughput(name, 10);
        assertThat(warm.openShardCount()).isEqualTo(10);
        assertThat(warm.features().warmThroughputMiBps()).isEqualTo(10);
        assertThat(warm.scalingEvents()).singleElement().satisfies(event -> {
            assertThat(event.fromShards()).isEqualTo(4);
            assertThat(event.toShards()).isEqualTo(10);
            assertThat(event.reason()).isEqualTo("warm throughput of 10 MiB/s");
        });
        assertThat(f.streams.status(current())).isEqualTo(StreamStatus.UPDATING);
        assertThatThrownBy(() -> f.resharding.updateWarmThroughput(name, 12))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream od under account " + ACCOUNT + " not ACTIVE, instead in state UPDATING");
        f.clock.advance(updateDelay);
        assertThat(f.streams.status(current())).isEqualTo(StreamStatus.ACTIVE);
    }

    @Test
    void loweringItReleasesNoShardsButIsStillAnUpdate() {
        onDemand();
        f.accountSettings.updateCommitment(true);
        f.resharding.updateWarmThroughput(name, 8);
        f.clock.advance(updateDelay);
        Stream lowered = f.resharding.updateWarmThroughput(name, 0);
        assertThat(lowered.openShardCount()).isEqualTo(8);
        assertThat(lowered.features().warmThroughputMiBps()).isZero();
        assertThat(lowered.scalingEvents()).hasSize(1);
        assertThat(f.streams.status(lowered)).isEqualTo(StreamStatus.UPDATING);
    }

    @Test
    void onlyOnDemandStreamsWithinTheBoundsHaveWarmThroughput() {
        f.createActive("prov", 1);
        f.accountSettings.updateCommitment(true);
        assertThatThrownBy(() -> f.resharding.updateWarmThroughput(StreamName.of("prov"), 4))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("UpdateStreamWarmThroughput is only supported for ON_DEMAND streams; stream prov under "
                        + "account " + ACCOUNT + " is in PROVISIONED mode.");
        onDemand();
        assertThatThrownBy(() -> f.resharding.updateWarmThroughput(name, 10_241))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("WarmThroughputMiBps 10241 exceeds the maximum of 10240 MiB/s for an on-demand stream.");
        assertThatThrownBy(() -> f.resharding.updateWarmThroughput(name, 2000))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("WarmThroughputMiBps 2000 needs 2000 shards, more than the 1024 an ON_DEMAND stream "
                        + "may have here (runnel.on-demand.max-shards).");
        assertThat(current().openShardCount()).isEqualTo(4);
    }

    @Test
    void aSwitchToOnDemandMayBringWarmThroughput() {
        f.createActive("od", 2);
        assertThatThrownBy(() -> f.resharding.updateMode(name, StreamMode.ON_DEMAND, 6))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(NEEDS_COMMITMENT);
        f.accountSettings.updateCommitment(true);
        Stream switched = f.resharding.updateMode(name, StreamMode.ON_DEMAND, 6);
        assertThat(switched.mode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(switched.openShardCount()).isEqualTo(6);
        assertThat(switched.features().warmThroughputMiBps()).isEqualTo(6);
        assertThat(switched.modeUpdates()).hasSize(1);
    }

    @Test
    void aSwitchToProvisionedDropsWarmThroughputAndAutoDistributionAndTakesNoWarmThroughput() {
        onDemand();
        f.accountSettings.updateCommitment(true);
        f.resharding.updateWarmThroughput(name, 5);
        f.clock.advance(updateDelay);
        f.settings.updateRecordDistribution(name, RecordDistribution.AUTO);
        assertThatThrownBy(() -> f.resharding.updateMode(name, StreamMode.PROVISIONED, 5))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("WarmThroughputMiBps is only valid when the stream mode is being updated to ON_DEMAND.");
        Stream provisioned = f.resharding.updateMode(name, StreamMode.PROVISIONED);
        assertThat(provisioned.features()).isEqualTo(StreamFeatures.DEFAULTS);
        assertThat(provisioned.openShardCount()).isEqualTo(5);
    }

    @Test
    void anOnDemandStreamMayBeCreatedWarm() {
        f.accountSettings.updateCommitment(true);
        CreateStreamCommand plain = CreateStreamCommand.of("od", StreamMode.ON_DEMAND, null, null, null, null);
        Stream created = f.streams.create(new CreateStreamCommand(
                plain.name(),
                plain.mode(),
                f.resharding.warmShards(9),
                plain.retentionPeriodHours(),
                plain.maxRecordSizeInKiB(),
                plain.tags(),
                StreamFeatures.DEFAULTS.withWarmThroughput(9)));
        assertThat(created.openShardCount()).isEqualTo(9);
        assertThat(created.features().warmThroughputMiBps()).isEqualTo(9);
        assertThatThrownBy(() -> new CreateStreamCommand(
                        StreamName.of("p"),
                        StreamMode.PROVISIONED,
                        1,
                        24,
                        1024,
                        null,
                        StreamFeatures.DEFAULTS.withRecordDistribution(RecordDistribution.AUTO)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("The AUTO record distribution strategy is only supported for streams in ON_DEMAND mode.");
    }
}
