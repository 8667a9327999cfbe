package dev.runnel.console;

import dev.runnel.records.RecordView;

/**
 * One record in the record browser, its payload decoded.
 *
 * @param arrival the arrival time as {@link ConsoleTime} writes it
 */
public record RecordRow(
        String sequenceNumber, String arrival, String partitionKey, Payload payload, boolean encrypted) {

    static RecordRow of(RecordView record) {
        return new RecordRow(
                record.sequenceNumber().toString(),
                ConsoleTime.format(record.approximateArrivalTimestamp()),
                record.partitionKey(),
                Payload.of(record.data()),
                record.encrypted());
    }
}
