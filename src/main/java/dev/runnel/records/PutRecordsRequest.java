package dev.runnel.records;

import dev.runnel.core.error.InvalidArgumentException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * REST body of {@code POST /streams/{name}/records}: either one record (its fields at the top level) or a
 * batch under {@code records}.
 */
@Schema(description = "One record, or a batch of up to 500 under `records`", example = """
        {"partitionKey": "1", "text": "test1"}""")
record PutRecordsRequest(
        @Schema(description = "Single record: 1–256 characters", example = "1") String partitionKey,
        @Schema(description = "Single record: payload in standard Base64", example = "dGVzdDE=") String data,
        @Schema(description = "Single record: payload as UTF-8 text") String text,
        @Schema(description = "Single record: decimal 0…2^128−1 overriding the partition key's hash")
        String explicitHashKey,
        @Schema(description = "Single record: the new record's sequence number will be greater than this")
        String sequenceNumberForOrdering,
        @Schema(description = "Batch: 1–500 records, at most 10 MiB of data and partition keys in all")
        List<RecordEntryRequest> records) {

    boolean isBatch() {
        if (records != null && (partitionKey != null || data != null || text != null || explicitHashKey != null
                || sequenceNumberForOrdering != null)) {
            throw new InvalidArgumentException("Send either one record (partitionKey, data or text, ...) or a batch "
                    + "under 'records', not both.");
        }
        return records != null;
    }

    RecordInput single() {
        return new RecordEntryRequest(partitionKey, data, text, explicitHashKey).toInput("");
    }

    List<RecordInput> batch() {
        return java.util.stream.IntStream.range(0, records.size())
                .mapToObj(i -> records.get(i) == null ? null : records.get(i).toInput("records." + (i + 1) + "."))
                .toList();
    }
}
