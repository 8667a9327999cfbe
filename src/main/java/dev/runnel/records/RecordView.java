package dev.runnel.records;

import dev.runnel.core.record.SequenceNumber;
import java.time.Instant;

/**
 * A record as GetRecords returns it.
 *
 * @param encrypted whether the stream had server-side encryption on when the record was written
 */
public record RecordView(
        SequenceNumber sequenceNumber,
        Instant approximateArrivalTimestamp,
        String partitionKey,
        byte[] data,
        boolean encrypted) {}
