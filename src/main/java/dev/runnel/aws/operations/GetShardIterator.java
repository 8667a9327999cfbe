package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.record.ShardIteratorType;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.stream.StreamName;
import java.time.Instant;
import java.util.Arrays;
import org.springframework.stereotype.Component;

@Component
class GetShardIterator implements AwsOperation<GetShardIterator.Input> {

    record Input(
            String streamName,
            String shardId,
            String shardIteratorType,
            String startingSequenceNumber,
            Instant timestamp,
            String streamARN,
            String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            if (check.required("shardId", shardId)) {
                check.string("shardId", shardId, 1, 128, StreamName.PATTERN);
            }
            if (check.required("shardIteratorType", shardIteratorType)) {
                check.violation(
                        "shardIteratorType",
                        shardIteratorType,
                        isType(shardIteratorType),
                        "Member must satisfy enum value set: " + Arrays.toString(ShardIteratorType.values()));
            }
            check.pattern("startingSequenceNumber", startingSequenceNumber, SequenceNumber.WIRE_PATTERN);
        }

        private static boolean isType(String value) {
            return Arrays.stream(ShardIteratorType.values())
                    .anyMatch(type -> type.name().equals(value));
        }
    }

    record Output(String shardIterator) {}

    @Override
    public Object invoke(Input input, AwsContext context) {
        StreamName stream = context.stream(input.streamName(), input.streamARN());
        StartingPosition start = StartingPosition.of(
                ShardIteratorType.valueOf(input.shardIteratorType()),
                input.startingSequenceNumber(),
                input.timestamp());
        return new Output(context.iterators().getShardIterator(stream, input.shardId(), start));
    }
}
