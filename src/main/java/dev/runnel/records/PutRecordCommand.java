package dev.runnel.records;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.stream.StreamName;
import java.util.Objects;

/**
 * PutRecord: one record for one stream; the constructor rejects values the service model forbids.
 *
 * @param sequenceNumberForOrdering when set, the new record's sequence number will be greater than this one
 */
public record PutRecordCommand(StreamName stream, RecordInput record, String sequenceNumberForOrdering) {

    public PutRecordCommand {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(record, "record");
        Constraints check = Constraints.check();
        record.check(check, "");
        check.pattern("sequenceNumberForOrdering", sequenceNumberForOrdering, SequenceNumber.WIRE_PATTERN);
        check.throwIfInvalid();
    }
}
