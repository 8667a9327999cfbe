package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Commitments;
import dev.runnel.core.error.Constraints;
import org.springframework.stereotype.Component;

@Component
class DescribeAccountSettings implements AwsOperation<DescribeAccountSettings.Input> {

    record Input() implements AwsInput {
        @Override
        public void validate(Constraints check) {}
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        return Commitments.of(
                context.accountSettings().commitment(), context.streams().now());
    }
}
