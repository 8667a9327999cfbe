package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Monitoring;
import dev.runnel.streams.StreamSettingsService;
import org.springframework.stereotype.Component;

@Component
class EnableEnhancedMonitoring implements AwsOperation<Monitoring.Input> {

    @Override
    public Object invoke(Monitoring.Input input, AwsContext context) {
        StreamSettingsService.Change change = context.settings()
                .setShardLevelMetrics(context.stream(input.streamName(), input.streamARN()), input.metrics(), true);
        return Monitoring.Output.of(change, context);
    }
}
