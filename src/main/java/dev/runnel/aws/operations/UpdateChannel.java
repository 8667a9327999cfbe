package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Channels;
import dev.runnel.aws.shapes.Resources;
import dev.runnel.core.channel.ChannelConfiguration.LoggingConfiguration;
import dev.runnel.core.error.Constraints;
import org.springframework.stereotype.Component;

@Component
class UpdateChannel implements AwsOperation<UpdateChannel.Input> {

    record Input(
            String channelARN,
            FreshnessUpdate s3DestinationConfiguration,
            FreshnessUpdate s3TablesDestinationConfiguration,
            LoggingConfiguration loggingConfiguration)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            Resources.checkChannelArn(check, channelARN);
            if (s3DestinationConfiguration != null) {
                check.required(
                        "s3DestinationConfiguration.dataFreshnessInSeconds",
                        s3DestinationConfiguration.dataFreshnessInSeconds());
            }
            if (s3TablesDestinationConfiguration != null) {
                check.required(
                        "s3TablesDestinationConfiguration.dataFreshnessInSeconds",
                        s3TablesDestinationConfiguration.dataFreshnessInSeconds());
            }
            if (loggingConfiguration != null) {
                loggingConfiguration.check(check, "loggingConfiguration");
            }
        }
    }

    /** {@code S3DestinationUpdateInput} and {@code S3TablesDestinationUpdateInput}: only the freshness changes. */
    record FreshnessUpdate(Integer dataFreshnessInSeconds) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        return Channels.describe(
                context.channels()
                        .update(
                                Resources.channelName(context, input.channelARN()),
                                freshness(input.s3DestinationConfiguration()),
                                freshness(input.s3TablesDestinationConfiguration()),
                                input.loggingConfiguration()),
                context);
    }

    private static Integer freshness(FreshnessUpdate update) {
        return update == null ? null : update.dataFreshnessInSeconds();
    }
}
