package dev.runnel.records;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.stream.IntStream;

/** REST body of {@code POST /streams/{name}/records/batch}: up to 500 records. */
@Schema(
        name = "PutRecordsRequest",
        description = "A batch of records, stored independently of each other",
        example = """
        {"records": [{"partitionKey": "sensor-1", "text": "21.5"}, {"partitionKey": "sensor-2", "data": "AP8="}]}""")
record PutRecordsRequest(
        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "1–500 records, at most 10 MiB of data and partition keys " + "in all",
                                requiredMode = Schema.RequiredMode.REQUIRED),
                minItems = 1,
                maxItems = 500)
        List<PutRecordsRequestEntry> records) {

    /** The entries, with a null left for a null entry (reported as a violation at its index). */
    List<RecordInput> inputs() {
        return records == null
                ? null
                : IntStream.range(0, records.size())
                        .mapToObj(i ->
                                records.get(i) == null ? null : records.get(i).toInput("records." + (i + 1) + "."))
                        .toList();
    }
}
