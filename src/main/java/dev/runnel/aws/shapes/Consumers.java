package dev.runnel.aws.shapes;

import dev.runnel.aws.AwsContext;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.StreamConsumer;
import dev.runnel.streams.ConsumerService;
import java.time.Instant;

/** The consumer shapes of the AWS API, and the model constraints of the members that name a consumer. */
public final class Consumers {

    private Consumers() {}

    /** The {@code Consumer} shape: what RegisterStreamConsumer and ListStreamConsumers return. */
    public record Consumer(
            String consumerName, String consumerARN, String consumerStatus, Instant consumerCreationTimestamp) {}

    /** The {@code ConsumerDescription} shape of DescribeStreamConsumer. */
    public record ConsumerDescription(
            String consumerName,
            String consumerARN,
            String consumerStatus,
            Instant consumerCreationTimestamp,
            String streamARN) {}

    public static Consumer consumer(StreamConsumer consumer, String streamArn, Instant now) {
        return new Consumer(
                consumer.name(), consumer.arn(streamArn), consumer.statusAt(now).name(), consumer.createdAt());
    }

    public static ConsumerDescription description(ConsumerService.Registered registered, Instant now) {
        StreamConsumer consumer = registered.consumer();
        return new ConsumerDescription(
                consumer.name(),
                registered.consumerArn(),
                consumer.statusAt(now).name(),
                consumer.createdAt(),
                registered.streamArn());
    }

    /** The optional members of DescribeStreamConsumer and DeregisterStreamConsumer. */
    public static void checkConsumerMembers(
            Constraints check, String streamARN, String consumerName, String consumerARN) {
        AwsContext.checkStreamMembers(check, null, streamARN);
        checkName(check, consumerName);
        check.string("consumerARN", consumerARN, 1, 2048, AwsContext.CONSUMER_ARN_MODEL);
    }

    public static void checkName(Constraints check, String consumerName) {
        check.string("consumerName", consumerName, 1, 128, StreamConsumer.NAME);
    }
}
