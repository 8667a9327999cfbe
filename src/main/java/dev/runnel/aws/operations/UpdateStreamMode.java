package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.AwsShapes.StreamModeDetails;
import dev.runnel.aws.shapes.Modes;
import dev.runnel.core.error.Constraints;
import org.springframework.stereotype.Component;

@Component
class UpdateStreamMode implements AwsOperation<UpdateStreamMode.Input> {

    record Input(String streamARN, String streamId, StreamModeDetails streamModeDetails, Integer warmThroughputMiBps)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            if (check.required("streamARN", streamARN)) {
                AwsContext.checkStreamMembers(check, null, streamARN);
            }
            if (check.required("streamModeDetails", streamModeDetails)) {
                Modes.check(check, "streamModeDetails", streamModeDetails);
            }
            check.range("warmThroughputMiBps", warmThroughputMiBps, 0, Integer.MAX_VALUE);
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        context.resharding()
                .updateMode(
                        context.streamOfArn(input.streamARN()),
                        Modes.of(input.streamModeDetails()),
                        input.warmThroughputMiBps());
        return null;
    }
}
