package dev.runnel.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.runnel.core.record.RecordData;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/** REST answer of {@code GET /streams/{name}/records}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "GetRecordsResult", description = "Records read through a shard iterator, oldest first")
record RecordsPage(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Entry> records,

        @Schema(
                description = "The iterator for the next call; absent only once a closed shard has been read to its "
                        + "end (continue with its child shards)",
                example = "ARoku-be4UjxAAAAAAAAAAAAAAAAAAABoku-cvwCczHMX9vhgMaVgXiwJ1bSdc_t")
        String nextShardIterator,

        @Schema(
                description = "How far the last record returned is behind the newest one in the shard, in "
                        + "milliseconds; 0 when caught up",
                example = "0",
                requiredMode = Schema.RequiredMode.REQUIRED)
        long millisBehindLatest) {

    @Schema(name = "StreamRecord", description = "A record as stored in a shard")
    record Entry(
            @Schema(
                    description = "56 decimal digits, increasing within the shard",
                    example = "49646563862187298580838047627327302113839587024297558016",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String sequenceNumber,

            @Schema(example = "1", requiredMode = Schema.RequiredMode.REQUIRED)
            String partitionKey,

            @Schema(
                    implementation = String.class,
                    description = "Payload in standard Base64",
                    example = "dGVzdDE=",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @JsonSerialize(using = Base64Serializer.class)
            RecordData data,

            @Schema(
                    description = "When the record arrived at the server, UTC with three fractional digits",
                    example = "2026-11-26T02:47:47.088Z",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Instant approximateArrivalTimestamp) {}

    /** Writes a payload as standard Base64 straight from the stored bytes, with no copy of the record. */
    static final class Base64Serializer extends ValueSerializer<RecordData> {

        @Override
        public void serialize(RecordData data, JsonGenerator generator, SerializationContext context) {
            generator.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, data.stream(), data.length());
        }
    }

    static RecordsPage of(GetRecordsResult result) {
        List<Entry> records = result.records().stream()
                .map(r -> new Entry(
                        r.sequenceNumber().toString(), r.partitionKey(), r.data(), r.approximateArrivalTimestamp()))
                .toList();
        return new RecordsPage(records, result.nextShardIterator(), result.millisBehindLatest());
    }
}
