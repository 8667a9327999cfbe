package dev.runnel.aws;

import dev.runnel.aws.shapes.AwsShapes;
import dev.runnel.aws.shapes.AwsShapes.ChildShard;
import dev.runnel.core.error.KinesisException;
import dev.runnel.records.RecordView;
import dev.runnel.records.Subscription;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The event-stream messages of one subscription, in its protocol: the initial response, each SubscribeToShardEvent
 * (records written by {@link RecordListSerializer} straight from the stored bytes) and the exception that ends a
 * subscription. Each message is built whole, since its prelude carries its length. Stateless and thread-safe.
 */
final class SubscriptionFrames {

    /** The SubscribeToShardEvent shape. */
    record EventShape(
            @JsonSerialize(using = RecordListSerializer.class)
            List<RecordView> records,

            String continuationSequenceNumber,
            long millisBehindLatest,
            List<ChildShard> childShards) {}

    private final AwsProtocol protocol;
    private final ObjectMapper mapper;

    SubscriptionFrames(AwsProtocol protocol, ObjectMapper mapper) {
        this.protocol = protocol;
        this.mapper = mapper;
    }

    byte[] initialResponse() {
        return EventStreamFrames.event("initial-response", protocol, mapper.writeValueAsBytes(Map.of()));
    }

    byte[] event(Subscription.Event event) {
        List<ChildShard> children = event.childShards().isEmpty()
                ? null
                : event.childShards().stream().map(AwsShapes::childShard).toList();
        byte[] payload = mapper.writeValueAsBytes(new EventShape(
                event.records(), event.continuationSequenceNumber(), event.millisBehindLatest(), children));
        return EventStreamFrames.event("SubscribeToShardEvent", protocol, payload);
    }

    byte[] exception(KinesisException e) {
        return exception(e.errorType(), AwsErrors.of(e).message());
    }

    byte[] internalFailure() {
        return exception("InternalFailureException", "Internal service failure.");
    }

    private byte[] exception(String type, String message) {
        return EventStreamFrames.exception(type, protocol, mapper.writeValueAsBytes(Map.of("message", message)));
    }
}
