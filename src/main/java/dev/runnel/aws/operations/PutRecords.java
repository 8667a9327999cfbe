package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.AwsShapes;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.StreamName;
import dev.runnel.records.PutRecordsCommand;
import dev.runnel.records.PutRecordsResult;
import dev.runnel.records.RecordInput;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class PutRecords implements AwsOperation<PutRecords.Input> {

    /** Jackson reads each entry straight into the record type the service takes. */
    record Input(List<RecordInput> records, String streamName, String streamARN, String streamId) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            PutRecordsCommand.check(check, records);
            AwsContext.checkStreamMembers(check, streamName, streamARN);
        }
    }

    record Output(int failedRecordCount, List<ResultEntry> records, String encryptionType) {}

    record ResultEntry(String sequenceNumber, String shardId, String errorCode, String errorMessage) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        StreamName stream = context.stream(input.streamName(), input.streamARN());
        PutRecordsResult result = context.records().putAll(new PutRecordsCommand(stream, input.records()));
        List<ResultEntry> entries = result.entries().stream()
                .map(e -> e.isFailure()
                        ? new ResultEntry(null, null, e.errorCode(), e.errorMessage())
                        : new ResultEntry(
                                e.sequenceNumber().toString(), e.shardId().toString(), null, null))
                .toList();
        return new Output(result.failedRecordCount(), entries, AwsShapes.encryptionType(result.encrypted()));
    }
}
