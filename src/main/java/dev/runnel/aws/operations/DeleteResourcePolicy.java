package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Resources;
import dev.runnel.core.error.Constraints;
import org.springframework.stereotype.Component;

@Component
class DeleteResourcePolicy implements AwsOperation<DeleteResourcePolicy.Input> {

    record Input(String resourceARN, String streamId) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            Resources.checkArn(check, resourceARN);
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        context.policies().delete(Resources.policyTarget(context, input.resourceARN()));
        return null;
    }
}
