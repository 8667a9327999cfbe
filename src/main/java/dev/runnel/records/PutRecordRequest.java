package dev.runnel.records;

import dev.runnel.core.error.InvalidArgumentException;
import io.swagger.v3.oas.annotations.media.Schema;

/** REST body of {@code POST /streams/{name}/records}: one record. */
@Schema(
        name = "PutRecordRequest",
        description = "One record; give the payload as Base64 `data` or as UTF-8 `text`, not both",
        example = """
        {"partitionKey": "1", "text": "test1"}""")
record PutRecordRequest(
        @Schema(
                description = "1–256 characters; its MD5 chooses the shard",
                example = "1",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String partitionKey,

        @Schema(description = "Payload in standard Base64 (0–10 MiB once decoded)", example = "dGVzdDE=")
        String data,

        @Schema(description = "Payload as UTF-8 text", example = "test1")
        String text,

        @Schema(
                description = "Decimal 0…2^128−1; overrides the partition key's hash",
                example = "170141183460469231731687303715884105728")
        String explicitHashKey,

        @Schema(
                description = "The new record's sequence number will be greater than this one (of the same shard)",
                example = "49646563862187298580838047627327302113839587024297558016")
        String sequenceNumberForOrdering,

        @Schema(hidden = true) Object records) {

    RecordInput input() {
        if (records != null) {
            throw new InvalidArgumentException("A batch of records goes to POST /streams/{name}/records/batch; "
                    + "POST /streams/{name}/records takes one record (partitionKey and data or text).");
        }
        return new PutRecordsRequestEntry(partitionKey, data, text, explicitHashKey).toInput("");
    }
}
