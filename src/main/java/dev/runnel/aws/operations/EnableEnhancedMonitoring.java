package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.core.error.Constraints;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class EnableEnhancedMonitoring implements AwsOperation<EnableEnhancedMonitoring.Input> {

    record Input(String streamName, List<String> shardLevelMetrics, String streamARN, String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            Monitoring.check(check, shardLevelMetrics);
        }
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        return Monitoring.apply(context, input.streamName(), input.streamARN(), input.shardLevelMetrics(), true);
    }
}
