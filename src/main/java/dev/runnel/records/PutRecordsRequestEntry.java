package dev.runnel.records;

import dev.runnel.core.error.InvalidArgumentException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;

/** REST form of one record of a batch: the payload as Base64 {@code data} or as UTF-8 {@code text}. */
@Schema(
        name = "PutRecordsRequestEntry",
        description = "One record of a batch; give the payload as Base64 `data` or as UTF-8 `text`, not both")
record PutRecordsRequestEntry(
        @Schema(
                description = "1–256 characters; its MD5 chooses the shard",
                example = "sensor-1",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String partitionKey,

        @Schema(description = "Payload in standard Base64 (0–10 MiB once decoded)", example = "AP8=")
        String data,

        @Schema(description = "Payload as UTF-8 text", example = "21.5")
        String text,

        @Schema(
                description = "Decimal 0…2^128−1; overrides the partition key's hash",
                example = "170141183460469231731687303715884105728")
        String explicitHashKey) {

    /** @param path where the entry sits in the request, for messages: empty or {@code records.3.} */
    RecordInput toInput(String path) {
        return new RecordInput(partitionKey, payload(data, text, path), explicitHashKey);
    }

    static byte[] payload(String data, String text, String path) {
        if (data != null && text != null) {
            throw new InvalidArgumentException(
                    "Give the payload at '" + path + "data' (Base64) or at '" + path + "text' (UTF-8), not both.");
        }
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return data == null ? null : Base64Payload.decode(data, path + "data");
    }
}
