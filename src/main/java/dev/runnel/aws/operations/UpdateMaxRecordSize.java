package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.stream.Stream;
import org.springframework.stereotype.Component;

@Component
class UpdateMaxRecordSize implements AwsOperation<UpdateMaxRecordSize.Input> {

    record Input(String streamARN, String streamId, Integer maxRecordSizeInKiB) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, null, streamARN);
            if (check.required("maxRecordSizeInKiB", maxRecordSizeInKiB)) {
                check.range(
                        "maxRecordSizeInKiB",
                        maxRecordSizeInKiB,
                        Stream.DEFAULT_MAX_RECORD_SIZE_KIB,
                        Stream.MAX_MAX_RECORD_SIZE_KIB);
            }
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        if (input.streamARN() == null) {
            throw new InvalidArgumentException("StreamARN must be provided.");
        }
        context.settings().updateMaxRecordSize(context.streamOfArn(input.streamARN()), input.maxRecordSizeInKiB());
        return null;
    }
}
