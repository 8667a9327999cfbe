package dev.runnel.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** REST answers of {@code POST /streams/{name}/records} and {@code POST /streams/{name}/records/batch}. */
final class PutRecordsResponses {

    private static final String SEQUENCE_NUMBER = "49646563862187298580838047627327302113839587024297558016";

    private PutRecordsResponses() {}

    @Schema(name = "PutRecordResult", description = "Where the record was stored")
    record Single(
            @Schema(example = "shardId-000000000000", requiredMode = Schema.RequiredMode.REQUIRED)
            String shardId,

            @Schema(
                    description = "56 decimal digits, increasing within the shard",
                    example = SEQUENCE_NUMBER,
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String sequenceNumber) {

        static Single of(PutResult result) {
            return new Single(
                    result.shardId().toString(), result.sequenceNumber().toString());
        }
    }

    @Schema(name = "PutRecordsResult", description = "One result per record of the batch, in request order")
    record Batch(
            @Schema(
                    description = "How many records failed; 0 when all were stored",
                    example = "0",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            int failedRecordCount,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<Entry> records) {

        static Batch of(PutRecordsResult result) {
            return new Batch(
                    result.failedRecordCount(),
                    result.entries().stream().map(Entry::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            name = "PutRecordsResultEntry",
            description = "A stored record (shardId and sequenceNumber) or a failed one (errorCode and errorMessage); "
                    + "a failed record does not fail the others")
    record Entry(
            @Schema(example = "shardId-000000000000") String shardId,
            @Schema(example = SEQUENCE_NUMBER) String sequenceNumber,

            @Schema(
                    description = "Why the record was not stored: ProvisionedThroughputExceededException (the "
                            + "shard's write limit; retry it), LimitExceededException (Runnel's memory budget is full) or "
                            + "InternalFailure",
                    example = "ProvisionedThroughputExceededException")
            String errorCode,

            @Schema(
                    example = "Rate exceeded for shard shardId-000000000000 in stream myKinesis under account "
                            + "000000000000.")
            String errorMessage) {

        static Entry of(PutRecordsResult.Entry entry) {
            return entry.isFailure()
                    ? new Entry(null, null, entry.errorCode(), entry.errorMessage())
                    : new Entry(
                            entry.shardId().toString(), entry.sequenceNumber().toString(), null, null);
        }
    }
}
