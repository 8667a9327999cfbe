package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.SubscriptionAnswer;
import dev.runnel.aws.shapes.Consumers;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.record.ShardIteratorType;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.stream.StreamName;
import java.time.Instant;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/** SubscribeToShard: checks the call, then the AWS edge streams the subscription's events. */
@Component
class SubscribeToShard implements AwsOperation<SubscribeToShard.Input> {

    record Position(String type, String sequenceNumber, Instant timestamp) {}

    record Input(String consumerARN, String shardId, Position startingPosition, String streamId) implements AwsInput {

        @Override
        public void validate(Constraints check) {
            if (check.required("consumerARN", consumerARN)) {
                Consumers.checkConsumerMembers(check, null, null, consumerARN);
            }
            if (check.required("shardId", shardId)) {
                check.string("shardId", shardId, 1, 128, StreamName.PATTERN);
            }
            if (check.required("startingPosition", startingPosition)
                    && check.required("startingPosition.type", startingPosition.type())) {
                check.violation(
                        "startingPosition.type",
                        startingPosition.type(),
                        Arrays.stream(ShardIteratorType.values())
                                .anyMatch(t -> t.name().equals(startingPosition.type())),
                        "Member must satisfy enum value set: " + Arrays.toString(ShardIteratorType.values()));
                check.pattern(
                        "startingPosition.sequenceNumber",
                        startingPosition.sequenceNumber(),
                        SequenceNumber.WIRE_PATTERN);
            }
        }
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        StartingPosition start = StartingPosition.of(
                ShardIteratorType.valueOf(input.startingPosition().type()),
                input.startingPosition().sequenceNumber(),
                input.startingPosition().timestamp());
        return new SubscriptionAnswer(context.subscriptions()
                .subscribe(context.consumer(null, null, input.consumerARN()), input.shardId(), start));
    }
}
