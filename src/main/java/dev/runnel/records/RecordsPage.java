package dev.runnel.records;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** REST answer of {@code GET /streams/{name}/records}. */
@Schema(description = "Records read through a shard iterator")
record RecordsPage(
        List<Entry> records,
        @Schema(description = "Iterator for the next call; absent only at the end of a closed shard")
        String nextShardIterator,
        @Schema(description = "How far these records are behind the newest one in the shard, in ms; 0 when caught up")
        long millisBehindLatest) {

    @Schema(description = "A record")
    record Entry(
            @Schema(example = "49646563862187298580838047627327302113839587024297558016") String sequenceNumber,
            @Schema(example = "1") String partitionKey,
            @Schema(description = "Payload in standard Base64", example = "dGVzdDE=") String data,
            @Schema(description = "Arrival time at the server, millisecond precision")
            Instant approximateArrivalTimestamp) {
    }

    static RecordsPage of(GetRecordsResult result) {
        Base64.Encoder base64 = Base64.getEncoder();
        List<Entry> records = result.records().stream()
                .map(r -> new Entry(r.sequenceNumber().toString(), r.partitionKey(), base64.encodeToString(r.data()),
                        r.approximateArrivalTimestamp()))
                .toList();
        return new RecordsPage(records, result.nextShardIterator(), result.millisBehindLatest());
    }
}
