package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.AwsShapes;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.stream.StreamName;
import dev.runnel.records.PutRecordCommand;
import dev.runnel.records.PutResult;
import dev.runnel.records.RecordInput;
import org.springframework.stereotype.Component;

@Component
class PutRecord implements AwsOperation<PutRecord.Input> {

    record Input(
            String streamName,
            byte[] data,
            String partitionKey,
            String explicitHashKey,
            String sequenceNumberForOrdering,
            String streamARN,
            String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            new RecordInput(partitionKey, data, explicitHashKey).check(check, "");
            check.pattern("sequenceNumberForOrdering", sequenceNumberForOrdering, SequenceNumber.WIRE_PATTERN);
        }
    }

    record Output(String shardId, String sequenceNumber, String encryptionType) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        StreamName stream = context.stream(input.streamName(), input.streamARN());
        PutResult result = context.records()
                .put(new PutRecordCommand(
                        stream,
                        new RecordInput(input.partitionKey(), input.data(), input.explicitHashKey()),
                        input.sequenceNumberForOrdering()));
        return new Output(
                result.shardId().toString(),
                result.sequenceNumber().toString(),
                AwsShapes.encryptionType(result.encrypted()));
    }
}
