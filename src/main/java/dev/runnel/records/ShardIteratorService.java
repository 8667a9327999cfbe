package dev.runnel.records;

import dev.runnel.core.error.ExpiredIteratorException;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.Messages;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.record.ShardIteratorType;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Retention;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.TrafficMeter;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.ShardLog;
import dev.runnel.streams.StreamLookup;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Issues shard iterators (GetShardIterator) and checks them when they come back: signature, expiry, and that
 * the stream and shard they name still exist. Thread-safe and stateless apart from the signing key.
 */
public class ShardIteratorService {

    private final StreamLookup streams;
    private final InstantSource clock;
    private final ShardIteratorCodec codec;
    private final IteratorExpiry expiry;
    private final TrafficMeter traffic;

    /**
     * @param codec shared by every region, so one secret signs all iterators
     * @param traffic where LATEST readers that start after records were written are noted
     */
    public ShardIteratorService(
            StreamLookup streams,
            InstantSource clock,
            RunnelProperties properties,
            ShardIteratorCodec codec,
            TrafficMeter traffic) {
        this.streams = streams;
        this.clock = clock;
        this.codec = codec;
        this.traffic = traffic;
        this.expiry = new IteratorExpiry(properties.iterators().ttl().toMillis());
    }

    /** GetShardIterator. */
    public String getShardIterator(StreamName name, String shardId, StartingPosition start) {
        Instant now = clock.instant();
        ShardCursor cursor = locate(name, shardId, start, now);
        if (start.type() == ShardIteratorType.LATEST) {
            Stream stream = cursor.stream();
            long horizon =
                    cursor.log().positionAtOrAfter(Retention.cutoffMillis(now.toEpochMilli(), stream.retentionHours()));
            traffic.shard(stream.incarnation(), cursor.shard().id())
                    .recordLatestStart(now.getEpochSecond(), cursor.position() - horizon);
        }
        return issue(cursor.stream(), cursor.shard().id(), cursor.position(), now);
    }

    /**
     * Where a new iterator of this kind would start, with GetShardIterator's checks and error messages, but
     * without issuing a token or noting anything about the caller.
     */
    ShardCursor locate(StreamName name, String shardId, StartingPosition start, Instant now) {
        Stream stream = streams.require(name, now);
        ShardId id = ShardId.parse(shardId).orElseThrow(() -> Messages.shardNotFound(shardId, name.value(), account()));
        Shard shard = stream.shard(id)
                .filter(s -> stream.acceptsDataAt(now))
                .orElseThrow(() -> Messages.shardNotFound(id.toString(), name.value(), account()));
        ShardLog log = streams.log(stream, id);
        long horizon = log.positionAtOrAfter(Retention.cutoffMillis(now.toEpochMilli(), stream.retentionHours()));
        long position = switch (start.type()) {
            case TRIM_HORIZON -> horizon;
            case LATEST -> log.endPosition();
            case AT_SEQUENCE_NUMBER ->
                Math.max(
                        horizon,
                        positionOf(
                                ((StartingPosition.AtSequenceNumber) start).sequenceNumber(),
                                stream,
                                shard,
                                log,
                                false));
            case AFTER_SEQUENCE_NUMBER ->
                Math.max(
                        horizon,
                        positionOf(
                                ((StartingPosition.AfterSequenceNumber) start).sequenceNumber(),
                                stream,
                                shard,
                                log,
                                true));
            case AT_TIMESTAMP -> {
                long millis = ((StartingPosition.AtTimestamp) start).timestamp().toEpochMilli();
                if (millis > now.toEpochMilli()) {
                    throw new InvalidArgumentException("The timestampInMillis parameter cannot be greater than the "
                            + "currentTimestampInMillis. timestampInMillis: " + millis + ", currentTimestampInMillis: "
                            + now.toEpochMilli());
                }
                yield Math.max(horizon, log.positionAtOrAfter(millis));
            }
        };
        return new ShardCursor(stream, shard, log, position);
    }

    /**
     * Checks an iterator that came back from a client.
     *
     * @throws InvalidArgumentException when it is malformed or tampered with, or issued in the future
     * @throws ExpiredIteratorException when it is older than the ttl (see {@link IteratorExpiry})
     * @throws dev.runnel.core.error.ResourceNotFoundException when its stream or shard no longer exists
     */
    ShardCursor open(String iterator, Instant now) {
        ShardIteratorToken token = codec.decode(iterator);
        expiry.check(token.issuedAtMillis(), now);
        String name = token.stream().value();
        Stream stream = streams.find(token.stream(), now)
                .filter(s -> s.incarnation() == token.incarnation())
                .orElseThrow(() -> Messages.streamNotFound(name, account()));
        Shard shard = stream.shard(token.shard())
                .orElseThrow(() -> Messages.shardNotFound(token.shard().toString(), name, account()));
        return new ShardCursor(stream, shard, streams.log(stream, shard.id()), token.position());
    }

    String issue(Stream stream, ShardId shard, long position, Instant now) {
        return codec.encode(
                new ShardIteratorToken(stream.name(), stream.incarnation(), shard, position, now.toEpochMilli()));
    }

    /**
     * Where reading AT or AFTER a client's sequence number starts on this shard. For AT the number may be the
     * shard's end (the next record to come); for AFTER it must be a record the shard has issued. A number just
     * below a record's ({@link SequenceNumber#before}, a fan-out continuation) starts at that record either way.
     */
    private long positionOf(String text, Stream stream, Shard shard, ShardLog log, boolean after) {
        String context = " used in GetShardIterator on shard " + shard.id() + " in stream " + stream.name()
                + " under account " + account() + " is invalid";
        Optional<SequenceNumber> record = SequenceNumber.parse(text);
        boolean gap = record.isEmpty();
        SequenceNumber number = record.or(() -> SequenceNumber.parseBefore(text))
                .orElseThrow(() -> new InvalidArgumentException("StartingSequenceNumber " + text + context + "."));
        if (number.incarnation() != stream.incarnation()) {
            throw new InvalidArgumentException(
                    "StartingSequenceNumber " + text + context + " because it did not come from this stream.");
        }
        if (number.shardIndex() != shard.id().index()) {
            throw new InvalidArgumentException("Invalid StartingSequenceNumber. It encodes "
                    + new ShardId(number.shardIndex()) + ", while it was used in a call to a shard with " + shard.id());
        }
        long end = log.endPosition();
        if (gap || !after ? number.position() > end : number.position() >= end) {
            throw new InvalidArgumentException("StartingSequenceNumber " + text + context + ".");
        }
        return after && !gap ? number.position() + 1 : number.position();
    }

    private String account() {
        return streams.account();
    }
}
