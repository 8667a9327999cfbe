package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Commitments;
import dev.runnel.core.error.Constraints;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class UpdateAccountSettings implements AwsOperation<UpdateAccountSettings.Input> {

    private static final List<String> STATUSES = List.of("ENABLED", "DISABLED");

    record Input(CommitmentInput minimumThroughputBillingCommitment) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            String path = "minimumThroughputBillingCommitment";
            if (check.required(path, minimumThroughputBillingCommitment)
                    && check.required(path + ".status", minimumThroughputBillingCommitment.status())) {
                check.violation(
                        path + ".status",
                        minimumThroughputBillingCommitment.status(),
                        STATUSES.contains(minimumThroughputBillingCommitment.status()),
                        "Member must satisfy enum value set: " + STATUSES);
            }
        }
    }

    record CommitmentInput(String status) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        boolean enabled = input.minimumThroughputBillingCommitment().status().equals("ENABLED");
        return Commitments.of(
                context.accountSettings().updateCommitment(enabled),
                context.streams().now());
    }
}
