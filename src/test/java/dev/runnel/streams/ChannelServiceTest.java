package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.channel.ChannelConfiguration.CloudWatchLogs;
import dev.runnel.core.channel.ChannelConfiguration.LoggingConfiguration;
import dev.runnel.core.channel.ChannelConfigurationTest;
import dev.runnel.core.channel.ChannelStatus;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.error.ValidationException;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.streams.ChannelService.Located;
import dev.runnel.support.RunnelFixture;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelServiceTest {

    private static final String ACCOUNT = RunnelFixture.ACCOUNT;

    private final RunnelFixture f = new RunnelFixture();
    private final ChannelService channels = f.channels;
    private final Duration delay = f.properties.streams().createDelay();

    private void onDemand(String name) {
        f.streams.create(CreateStreamCommand.of(name, StreamMode.ON_DEMAND, null, null, null, null));
        f.clock.advance(f.properties.streams().createDelay());
    }

    private Located create(String channel, String stream) {
        return channels.create(new CreateChannelCommand(
                channel, StreamName.of(stream), ChannelConfigurationTest.toBucket("JSON"), Map.of("team", "data")));
    }

    private ChannelStatus status(String channel) {
        return channels.describe(channel).channel().statusAt(f.clock.instant());
    }

    @Test
    void aChannelIsCreatingThenActiveAndHeldByItsStream() {
        onDemand("od");
        Located created = create("orders", "od");
        assertThat(status("orders")).isEqualTo(ChannelStatus.CREATING);
        assertThat(created.stream().features().liveChannels(f.clock.instant())).containsExactly(created.channel());
        assertThat(channels.arn(created.channel()))
                .isEqualTo("arn:aws:kinesis:eu-west-1:" + ACCOUNT + ":channel/orders");
        assertThat(created.channel().tags()).containsEntry("team", "data");
        f.clock.advance(delay);
        assertThat(status("orders")).isEqualTo(ChannelStatus.ACTIVE);
        assertThat(channels.describe("orders").stream().name()).isEqualTo(StreamName.of("od"));
        assertThat(channels.count()).isEqualTo(1);
    }

    @Test
    void namesAreUniqueInTheRegionAndTheSourceMustBeAnActiveOnDemandStream() {
        onDemand("od");
        onDemand("other");
        f.createActive("prov", 1);
        create("orders", "od");
        assertThatThrownBy(() -> create("orders", "other"))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Channel orders under account " + ACCOUNT + " already exists.");
        assertThatThrownBy(() -> create("c2", "prov"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("CreateChannel is only supported for data streams with the on-demand capacity mode; "
                        + "stream prov under account " + ACCOUNT + " is in PROVISIONED mode.");
        assertThatThrownBy(() -> create("c2", "missing"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream missing under account " + ACCOUNT + " not found.");
        f.streams.create(CreateStreamCommand.of("young", StreamMode.ON_DEMAND, null, null, null, null));
        assertThatThrownBy(() -> create("c2", "young"))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream young under account " + ACCOUNT + " not ACTIVE, instead in state CREATING");
        assertThatThrownBy(() -> create("bad name", "od"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at 'channelName' failed to satisfy constraint");
    }

    @Test
    void anActiveChannelUpdatesItsFreshnessAndLogging() {
        onDemand("od");
        create("orders", "od");
        assertThatThrownBy(() -> channels.update("orders", 60, null, null))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Channel orders under account " + ACCOUNT + " not ACTIVE, instead in state CREATING");
        f.clock.advance(delay);
        assertThatThrownBy(() -> channels.update("orders", null, 60, null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Channel orders delivers to S3; update it with S3DestinationConfiguration.");
        assertThatThrownBy(() -> channels.update("orders", null, null, null))
                .isInstanceOf(InvalidArgumentException.class);
        Located updated =
                channels.update("orders", 60, null, new LoggingConfiguration(new CloudWatchLogs(true, "group", null)));
        assertThat(updated.channel()
                        .configuration()
                        .s3DestinationConfiguration()
                        .dataFreshnessInSeconds())
                .isEqualTo(60);
        assertThat(updated.channel().configuration().loggingConfiguration().cloudWatchLogs())
                .isEqualTo(new CloudWatchLogs(true, "group", "DestinationDelivery"));
        assertThat(status("orders")).isEqualTo(ChannelStatus.UPDATING);
        f.clock.advance(f.properties.streams().updateDelay());
        assertThat(status("orders")).isEqualTo(ChannelStatus.ACTIVE);
    }

    @Test
    void aDeletedChannelIsDeletingThenGoneAndItsNameFree() {
        onDemand("od");
        create("orders", "od");
        assertThatThrownBy(() -> f.streams.delete(StreamName.of("od")))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream od under account " + ACCOUNT + " has 1 active channel(s). A stream cannot be "
                        + "deleted while it has active channels; delete them first.");
        channels.delete("orders");
        assertThat(status("orders")).isEqualTo(ChannelStatus.DELETING);
        f.clock.advance(f.properties.streams().deleteDelay());
        assertThatThrownBy(() -> channels.describe("orders"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Channel orders under account " + ACCOUNT + " not found.");
        assertThatThrownBy(() -> channels.delete("orders")).isInstanceOf(ResourceNotFoundException.class);
        assertThat(channels.count()).isZero();
        Located again = create("orders", "od");
        assertThat(again.stream().features().channels())
                .as("the gone channel was dropped from the stream")
                .containsExactly(again.channel());
        f.clock.advance(delay);
        channels.delete("orders");
        f.streams.delete(StreamName.of("od"));
    }

    @Test
    void listingIsInNameOrderByPagesAndBySourceStream() {
        onDemand("a");
        onDemand("b");
        create("c3", "a");
        create("c1", "b");
        create("c2", "a");
        ChannelService.ChannelPage first = channels.list(null, 2, stream -> true);
        assertThat(first.channels()).extracting(l -> l.channel().name()).containsExactly("c1", "c2");
        assertThat(first.hasMore()).isTrue();
        ChannelService.ChannelPage second = channels.list("c2", 2, stream -> true);
        assertThat(second.channels()).extracting(l -> l.channel().name()).containsExactly("c3");
        assertThat(second.hasMore()).isFalse();
        assertThat(channels.list(null, 10, stream -> stream.name().value().equals("a"))
                        .channels())
                .extracting(l -> l.channel().name())
                .containsExactly("c2", "c3");
    }

    @Test
    void channelsAreTaggedAndUntaggedAndCarryAPolicy() {
        onDemand("od");
        create("orders", "od");
        channels.tag("orders", Map.of("env", "test", "team", "ops"));
        channels.untag("orders", List.of("env", "unknown"));
        assertThat(channels.describe("orders").channel().tags()).containsExactly(Map.entry("team", "ops"));
        f.policies.put(new ResourcePolicyService.Target.OfChannel("orders"), "{}");
        assertThat(f.policies.get(new ResourcePolicyService.Target.OfChannel("orders")))
                .contains("{}");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> channels.tag("orders", many))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Failed to add tags to channel orders under account " + ACCOUNT
                        + " because a given channel cannot have more than 50 tags associated with it.");
    }

    @Test
    void anAccountHasAtMost50Channels() {
        onDemand("od");
        for (int i = 0; i < ChannelService.CHANNEL_LIMIT; i++) {
            create("c" + i, "od");
        }
        assertThatThrownBy(() -> create("one-more", "od"))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("This request would exceed the limit of 50 channels for the account " + ACCOUNT
                        + " in eu-west-1.");
    }

    @Test
    void aStreamWithChannelsStaysOnDemand() {
        onDemand("od");
        create("orders", "od");
        assertThatThrownBy(() -> f.resharding.updateMode(StreamName.of("od"), StreamMode.PROVISIONED))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Stream od under account " + ACCOUNT + " has 1 channel(s), which need ON_DEMAND mode; "
                        + "delete them before switching to PROVISIONED mode.");
    }
}
