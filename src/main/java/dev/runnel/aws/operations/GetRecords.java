package dev.runnel.aws.operations;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.RecordListSerializer;
import dev.runnel.aws.shapes.AwsShapes;
import dev.runnel.aws.shapes.AwsShapes.ChildShard;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.StreamName;
import dev.runnel.records.GetRecordsResult;
import dev.runnel.records.RecordService;
import dev.runnel.records.RecordView;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.annotation.JsonSerialize;

@Component
class GetRecords implements AwsOperation<GetRecords.Input> {

    record Input(String shardIterator, Integer limit, String streamARN, String streamId) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            RecordService.checkGetRecords(check, shardIterator, limit);
            AwsContext.checkStreamMembers(check, null, streamARN);
        }
    }

    /** Holds the page's share of the read budget until the edge has written it and closes it. */
    record Output(
            @JsonSerialize(using = RecordListSerializer.class)
            List<RecordView> records,

            String nextShardIterator,
            long millisBehindLatest,
            List<ChildShard> childShards,
            @JsonIgnore GetRecordsResult page)
            implements AutoCloseable {

        @Override
        public void close() {
            page.close();
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        StreamName expected = input.streamARN() == null ? null : context.streamOfArn(input.streamARN());
        GetRecordsResult result = context.records().getRecords(input.shardIterator(), input.limit(), expected);
        List<ChildShard> children = result.childShards().isEmpty()
                ? null
                : result.childShards().stream().map(AwsShapes::childShard).toList();
        return new Output(result.records(), result.nextShardIterator(), result.millisBehindLatest(), children, result);
    }
}
