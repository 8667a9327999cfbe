package dev.runnel.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.channel.Channel;
import dev.runnel.core.channel.ChannelConfiguration;
import dev.runnel.core.channel.ChannelConfigurationTest;
import dev.runnel.core.error.ResourceInUseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamFeaturesTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void policiesAreKeptByResourceArnAndDetachedWithNull() {
        StreamFeatures features =
                StreamFeatures.DEFAULTS.withPolicy("arn:stream", "{\"a\":1}").withPolicy("arn:consumer", "{}");
        assertThat(features.policy("arn:stream")).contains("{\"a\":1}");
        assertThat(features.withPolicy("arn:stream", null).policy("arn:stream")).isEmpty();
        assertThat(features.withPolicy("arn:stream", null).resourcePolicies()).containsOnlyKeys("arn:consumer");
        assertThat(StreamFeatures.DEFAULTS.resourcePolicies()).isEmpty();
    }

    @Test
    void becomingProvisionedDropsWarmThroughputAndAutoDistributionButKeepsPolicies() {
        StreamFeatures onDemand = StreamFeatures.DEFAULTS
                .withWarmThroughput(20)
                .withRecordDistribution(RecordDistribution.AUTO)
                .withPolicy("arn", "{}");
        StreamFeatures provisioned = onDemand.forProvisioned();
        assertThat(provisioned.warmThroughputMiBps()).isZero();
        assertThat(provisioned.recordDistribution()).isEqualTo(RecordDistribution.USER_PARTITION_KEY);
        assertThat(provisioned.policy("arn")).contains("{}");
    }

    @Test
    void goneChannelsAreNotLiveAndAreDroppedWithTheNextChange() {
        ChannelConfiguration configuration = ChannelConfigurationTest.toBucket("JSON");
        Channel kept = Channel.create("kept", "1", configuration, Map.of(), NOW, Duration.ZERO);
        Channel deleting = Channel.create("deleting", "2", configuration, Map.of(), NOW, Duration.ZERO)
                .deleting(NOW, Duration.ofSeconds(1));
        StreamFeatures features = StreamFeatures.DEFAULTS.withChannels(List.of(kept, deleting), NOW);
        assertThat(features.liveChannels(NOW)).containsExactly(kept, deleting);
        assertThat(features.channel("deleting", NOW)).contains(deleting);

        Instant later = NOW.plusSeconds(1);
        assertThat(features.liveChannels(later)).containsExactly(kept);
        assertThat(features.channel("deleting", later)).isEmpty();
        assertThat(features.withChannels(features.channels(), later).channels()).containsExactly(kept);
    }

    @Test
    void onlyActiveChannelsKeepAStreamFromBeingDeleted() {
        ChannelConfiguration configuration = ChannelConfigurationTest.toBucket("JSON");
        Channel deleting = Channel.create("deleting", "2", configuration, Map.of(), NOW, Duration.ZERO)
                .deleting(NOW, Duration.ofSeconds(1));
        StreamFeatures.DEFAULTS.withChannels(List.of(deleting), NOW).requireNoActiveChannels("s", "1", NOW);

        Channel active = Channel.create("active", "1", configuration, Map.of(), NOW, Duration.ZERO);
        assertThatThrownBy(() -> StreamFeatures.DEFAULTS
                        .withChannels(List.of(active, deleting), NOW)
                        .requireNoActiveChannels("s", "123456789012", NOW))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream s under account 123456789012 has 1 active channel(s). A stream cannot be "
                        + "deleted while it has active channels; delete them first.");
    }
}
