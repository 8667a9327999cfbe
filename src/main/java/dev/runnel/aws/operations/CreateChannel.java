package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Channels;
import dev.runnel.aws.shapes.Channels.ChannelStreamConfiguration;
import dev.runnel.aws.shapes.Resources;
import dev.runnel.core.channel.ChannelConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.EncryptionConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.LoggingConfiguration;
import dev.runnel.core.channel.S3Destinations.S3DestinationConfiguration;
import dev.runnel.core.channel.S3Destinations.S3TablesDestinationConfiguration;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.streams.CreateChannelCommand;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
class CreateChannel implements AwsOperation<CreateChannel.Input> {

    record Input(
            String channelName,
            String serviceExecutionRoleARN,
            List<ChannelStreamConfiguration> streamConfigurationList,
            S3DestinationConfiguration s3DestinationConfiguration,
            S3TablesDestinationConfiguration s3TablesDestinationConfiguration,
            EncryptionConfiguration encryptionConfiguration,
            Map<String, String> tags,
            LoggingConfiguration loggingConfiguration)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            if (check.required("channelName", channelName)) {
                check.string("channelName", channelName, 1, 128, CreateChannelCommand.NAME);
            }
            Channels.checkStreams(check, streamConfigurationList);
            configuration(null).check(check);
            if (tags != null) {
                Resources.checkTags(check, tags);
            }
        }

        ChannelConfiguration configuration(ChannelStreamConfiguration stream) {
            return new ChannelConfiguration(
                    serviceExecutionRoleARN,
                    stream == null ? null : stream.recordConfiguration(),
                    s3DestinationConfiguration,
                    s3TablesDestinationConfiguration,
                    encryptionConfiguration,
                    loggingConfiguration);
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        List<ChannelStreamConfiguration> streams = input.streamConfigurationList();
        if (streams.size() != 1) {
            throw new InvalidArgumentException("Currently, one stream is supported per channel; "
                    + "StreamConfigurationList has " + streams.size() + ".");
        }
        ChannelStreamConfiguration stream = streams.get(0);
        return Channels.describe(
                context.channels()
                        .create(new CreateChannelCommand(
                                input.channelName(),
                                context.streamOfArn(stream.streamARN()),
                                input.configuration(stream),
                                input.tags())),
                context);
    }
}
