package dev.runnel.aws.shapes;

import dev.runnel.aws.AwsContext;
import dev.runnel.core.channel.Channel;
import dev.runnel.core.channel.ChannelConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.EncryptionConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.LoggingConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.RecordConfiguration;
import dev.runnel.core.channel.S3Destinations.S3DestinationConfiguration;
import dev.runnel.core.channel.S3Destinations.S3TablesDestinationConfiguration;
import dev.runnel.core.error.Constraints;
import dev.runnel.streams.ChannelService.Located;
import java.time.Instant;
import java.util.List;

/**
 * What the channel operations share: the stream members of a channel, and how a channel is described and
 * summarised. The destination, encryption and logging shapes are Runnel's own channel records, member for member.
 */
public final class Channels {

    private Channels() {}

    /** A source stream of CreateChannel. */
    public record ChannelStreamConfiguration(String streamARN, RecordConfiguration recordConfiguration) {

        void check(Constraints check, String path) {
            if (check.required(path + ".streamARN", streamARN)) {
                check.string(path + ".streamARN", streamARN, 1, 2048, AwsContext.STREAM_ARN_MODEL);
            }
            if (check.required(path + ".recordConfiguration", recordConfiguration)) {
                recordConfiguration.check(check, path + ".recordConfiguration");
            }
        }
    }

    /** A stream by ARN and, optionally, creation time: ListChannels' {@code StreamFilter}. */
    public record StreamIdentifier(String streamARN, Instant streamCreationTimestamp) {}

    /** The source stream of a described channel. */
    public record ChannelStreamDescription(
            String streamARN, Instant streamCreationTimestamp, RecordConfiguration recordConfiguration) {}

    public record ChannelDescription(
            String channelName,
            String channelARN,
            String channelId,
            String channelStatus,
            String channelStatusReason,
            Instant channelCreationTimestamp,
            String serviceExecutionRoleARN,
            List<ChannelStreamDescription> streamConfigurationList,
            S3DestinationConfiguration s3DestinationConfiguration,
            S3TablesDestinationConfiguration s3TablesDestinationConfiguration,
            EncryptionConfiguration encryptionConfiguration,
            LoggingConfiguration loggingConfiguration) {}

    /** The answer of Create-, Describe- and UpdateChannel. */
    public record Output(ChannelDescription channelDescription) {}

    public record ChannelSummary(
            String channelName,
            String channelARN,
            String channelId,
            String channelStatus,
            String channelStatusReason,
            Instant channelCreationTimestamp,
            String channelDestinationType,
            List<StreamIdentifier> streams) {}

    /** Adds the violations of CreateChannel's stream configuration list (1 to 10,000 entries). */
    public static void checkStreams(Constraints check, List<ChannelStreamConfiguration> streams) {
        if (check.required("streamConfigurationList", streams)) {
            check.size("streamConfigurationList", "[...]", streams.size(), 1, 10_000);
            for (int i = 0; i < streams.size(); i++) {
                String path = "streamConfigurationList." + (i + 1);
                if (check.required(path + ".member", streams.get(i))) {
                    streams.get(i).check(check, path);
                }
            }
        }
    }

    public static Output describe(Located located, AwsContext context) {
        Channel channel = located.channel();
        ChannelConfiguration configuration = channel.configuration();
        return new Output(new ChannelDescription(
                channel.name(),
                context.channels().arn(channel),
                channel.id(),
                channel.statusAt(context.streams().now()).name(),
                null,
                channel.createdAt(),
                configuration.serviceExecutionRoleARN(),
                List.of(new ChannelStreamDescription(
                        context.streams().arn(located.stream()),
                        located.stream().createdAt(),
                        configuration.recordConfiguration())),
                configuration.s3DestinationConfiguration(),
                configuration.s3TablesDestinationConfiguration(),
                configuration.encryptionConfiguration(),
                configuration.loggingConfiguration()));
    }

    public static ChannelSummary summarise(Located located, AwsContext context) {
        Channel channel = located.channel();
        return new ChannelSummary(
                channel.name(),
                context.channels().arn(channel),
                channel.id(),
                channel.statusAt(context.streams().now()).name(),
                null,
                channel.createdAt(),
                channel.configuration().destinationType(),
                List.of(new StreamIdentifier(
                        context.streams().arn(located.stream()),
                        located.stream().createdAt())));
    }
}
