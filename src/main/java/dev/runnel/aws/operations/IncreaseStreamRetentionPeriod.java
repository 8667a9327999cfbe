package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.RetentionPeriodInput;
import org.springframework.stereotype.Component;

@Component
class IncreaseStreamRetentionPeriod implements AwsOperation<RetentionPeriodInput> {

    @Override
    public Object invoke(RetentionPeriodInput input, AwsContext context) {
        context.settings()
                .increaseRetention(context.stream(input.streamName(), input.streamARN()), input.retentionPeriodHours());
        return null;
    }
}
