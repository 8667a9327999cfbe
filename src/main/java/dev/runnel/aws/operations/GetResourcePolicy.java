package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Resources;
import dev.runnel.core.error.Constraints;
import org.springframework.stereotype.Component;

@Component
class GetResourcePolicy implements AwsOperation<GetResourcePolicy.Input> {

    /** What a resource without a policy answers: an empty policy document. */
    static final String NO_POLICY = "{}";

    record Input(String resourceARN, String streamId) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            Resources.checkArn(check, resourceARN);
        }
    }

    record Output(String policy) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        return new Output(context.policies()
                .get(Resources.policyTarget(context, input.resourceARN()))
                .orElse(NO_POLICY));
    }
}
