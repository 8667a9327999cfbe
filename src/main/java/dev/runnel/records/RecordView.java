package dev.runnel.records;

import dev.runnel.core.record.RecordData;
import dev.runnel.core.record.SequenceNumber;
import java.time.Instant;

/**
 * A record as GetRecords returns it.
 *
 * @param data the payload, a read-only view of the stored bytes
 * @param encrypted whether the stream had server-side encryption on when the record was written
 */
public record RecordView(
        SequenceNumber sequenceNumber,
        Instant approximateArrivalTimestamp,
        String partitionKey,
        RecordData data,
        boolean encrypted) {}
