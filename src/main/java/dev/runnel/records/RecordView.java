package dev.runnel.records;

import dev.runnel.core.record.SequenceNumber;
import java.time.Instant;

/** A record as GetRecords returns it. */
public record RecordView(SequenceNumber sequenceNumber, Instant approximateArrivalTimestamp, String partitionKey,
                         byte[] data) {
}
