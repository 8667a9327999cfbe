package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Modes;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.RecordDistribution;
import org.springframework.stereotype.Component;

@Component
class UpdateStreamRecordDistributionStrategy implements AwsOperation<UpdateStreamRecordDistributionStrategy.Input> {

    record Input(String streamARN, String streamId, String recordDistributionStrategy) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            if (check.required("streamARN", streamARN)) {
                AwsContext.checkStreamMembers(check, null, streamARN);
            }
            if (check.required("recordDistributionStrategy", recordDistributionStrategy)) {
                Modes.checkDistribution(check, recordDistributionStrategy);
            }
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        context.settings()
                .updateRecordDistribution(
                        context.streamOfArn(input.streamARN()),
                        RecordDistribution.valueOf(input.recordDistributionStrategy()));
        return null;
    }
}
