package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.core.error.Constraints;
import org.springframework.stereotype.Component;

@Component
class DecreaseStreamRetentionPeriod implements AwsOperation<DecreaseStreamRetentionPeriod.Input> {

    record Input(String streamName, Integer retentionPeriodHours, String streamARN, String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            check.required("retentionPeriodHours", retentionPeriodHours);
        }
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        context.streams().decreaseRetention(context.stream(input.streamName(), input.streamARN()),
                input.retentionPeriodHours());
        return null;
    }
}
