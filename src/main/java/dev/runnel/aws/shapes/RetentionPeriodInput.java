package dev.runnel.aws.shapes;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.core.error.Constraints;

/** The request of Increase- and DecreaseStreamRetentionPeriod. */
public record RetentionPeriodInput(String streamName, Integer retentionPeriodHours, String streamARN, String streamId)
        implements AwsInput {

    @Override
    public void validate(Constraints check) {
        AwsContext.checkStreamMembers(check, streamName, streamARN);
        check.required("retentionPeriodHours", retentionPeriodHours);
    }
}
