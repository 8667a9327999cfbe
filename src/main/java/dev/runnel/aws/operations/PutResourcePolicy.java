package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Resources;
import dev.runnel.core.error.Constraints;
import org.springframework.stereotype.Component;

@Component
class PutResourcePolicy implements AwsOperation<PutResourcePolicy.Input> {

    record Input(String resourceARN, String streamId, String policy) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            Resources.checkArn(check, resourceARN);
            check.required("policy", policy);
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        context.policies().put(Resources.policyTarget(context, input.resourceARN()), input.policy());
        return null;
    }
}
