package dev.runnel.console;

import dev.runnel.records.RecordView;
import java.time.Instant;

/** One record in the record browser, its payload decoded. */
public record RecordRow(String sequenceNumber, Instant arrival, String partitionKey, Payload payload,
                        boolean encrypted) {

    static RecordRow of(RecordView record) {
        return new RecordRow(record.sequenceNumber().toString(), record.approximateArrivalTimestamp(),
                record.partitionKey(), Payload.of(record.data()), record.encrypted());
    }
}
