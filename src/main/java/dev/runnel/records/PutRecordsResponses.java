package dev.runnel.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** REST answers of {@code POST /streams/{name}/records}. */
final class PutRecordsResponses {

    private PutRecordsResponses() {
    }

    @Schema(description = "Where a single record was stored")
    record Single(
            @Schema(example = "shardId-000000000000") String shardId,
            @Schema(example = "49646563862187298580838047627327302113839587024297558016") String sequenceNumber) {

        static Single of(PutResult result) {
            return new Single(result.shardId().toString(), result.sequenceNumber().toString());
        }
    }

    @Schema(description = "Per-record results of a batch, in request order")
    record Batch(
            @Schema(description = "How many entries failed; 0 when all were stored") int failedRecordCount,
            List<Entry> records) {

        static Batch of(PutRecordsResult result) {
            return new Batch(result.failedRecordCount(), result.entries().stream().map(Entry::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A stored record (shardId, sequenceNumber) or a failed one (errorCode, errorMessage)")
    record Entry(String shardId, String sequenceNumber, String errorCode, String errorMessage) {

        static Entry of(PutRecordsResult.Entry entry) {
            return entry.isFailure()
                    ? new Entry(null, null, entry.errorCode(), entry.errorMessage())
                    : new Entry(entry.shardId().toString(), entry.sequenceNumber().toString(), null, null);
        }
    }
}
