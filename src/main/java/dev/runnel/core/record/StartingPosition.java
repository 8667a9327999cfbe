package dev.runnel.core.record;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a new shard iterator points, as asked for by GetShardIterator (or SubscribeToShard). Sequence numbers
 * stay text here; they are decoded against the shard they are used on, so errors can name it.
 */
public sealed interface StartingPosition {

    ShardIteratorType type();

    /** The oldest record still retained. */
    record TrimHorizon() implements StartingPosition {
        public ShardIteratorType type() {
            return ShardIteratorType.TRIM_HORIZON;
        }
    }

    /** Just after the newest record at the time the iterator is made. */
    record Latest() implements StartingPosition {
        public ShardIteratorType type() {
            return ShardIteratorType.LATEST;
        }
    }

    /** At the record with this sequence number (or the next one after a gap). */
    record AtSequenceNumber(String sequenceNumber) implements StartingPosition {
        public AtSequenceNumber {
            Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        }

        public ShardIteratorType type() {
            return ShardIteratorType.AT_SEQUENCE_NUMBER;
        }
    }

    /** Just after the record with this sequence number. */
    record AfterSequenceNumber(String sequenceNumber) implements StartingPosition {
        public AfterSequenceNumber {
            Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        }

        public ShardIteratorType type() {
            return ShardIteratorType.AFTER_SEQUENCE_NUMBER;
        }
    }

    /** At the first record whose arrival time is at or after the timestamp. */
    record AtTimestamp(Instant timestamp) implements StartingPosition {
        public AtTimestamp {
            Objects.requireNonNull(timestamp, "timestamp");
        }

        public ShardIteratorType type() {
            return ShardIteratorType.AT_TIMESTAMP;
        }
    }

    /**
     * Builds a position from GetShardIterator's parameters, rejecting combinations that do not fit the type
     * with AWS's messages. A timestamp given with a type other than AT_TIMESTAMP is ignored, as on AWS.
     */
    static StartingPosition of(ShardIteratorType type, String startingSequenceNumber, Instant timestamp) {
        Objects.requireNonNull(type, "type");
        return switch (type) {
            case AT_SEQUENCE_NUMBER -> new AtSequenceNumber(requireNumber(type, startingSequenceNumber));
            case AFTER_SEQUENCE_NUMBER -> new AfterSequenceNumber(requireNumber(type, startingSequenceNumber));
            case TRIM_HORIZON -> {
                forbidNumber(type, startingSequenceNumber);
                yield new TrimHorizon();
            }
            case LATEST -> {
                forbidNumber(type, startingSequenceNumber);
                yield new Latest();
            }
            case AT_TIMESTAMP -> {
                if (timestamp == null) {
                    throw new InvalidArgumentException("Must specify timestampInMillis parameter for iterator of type "
                            + "AT_TIMESTAMP. Current request has no timestamp parameter.");
                }
                yield new AtTimestamp(timestamp);
            }
        };
    }

    private static String requireNumber(ShardIteratorType type, String number) {
        if (number == null) {
            throw new InvalidArgumentException(mismatch(type, "no StartingSequenceNumber"));
        }
        Constraints.check()
                .pattern("startingSequenceNumber", number, SequenceNumber.WIRE_PATTERN)
                .throwIfInvalid();
        return number;
    }

    private static void forbidNumber(ShardIteratorType type, String number) {
        if (number != null) {
            throw new InvalidArgumentException(mismatch(type, "also a StartingSequenceNumber"));
        }
    }

    private static String mismatch(ShardIteratorType type, String what) {
        return "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or "
                + "(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified " + type + " and "
                + what + ".";
    }
}
