package dev.runnel.records;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.SerializationException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** REST form of one record: the payload as Base64 {@code data} or as UTF-8 {@code text}. */
@Schema(description = "A record; give the payload as Base64 `data` or as UTF-8 `text`, not both")
record RecordEntryRequest(
        @Schema(description = "1–256 characters; chooses the shard through MD5", example = "1",
                requiredMode = Schema.RequiredMode.REQUIRED) String partitionKey,
        @Schema(description = "Payload in standard Base64", example = "dGVzdDE=") String data,
        @Schema(description = "Payload as UTF-8 text", example = "test1") String text,
        @Schema(description = "Decimal 0…2^128−1; overrides the partition key's hash") String explicitHashKey) {

    /** @param path where the entry sits in the request, for messages: empty or {@code records.3.} */
    RecordInput toInput(String path) {
        return new RecordInput(partitionKey, payload(data, text, path), explicitHashKey);
    }

    static byte[] payload(String data, String text, String path) {
        if (data != null && text != null) {
            throw new InvalidArgumentException("Give the payload at '" + path + "data' (Base64) or at '" + path
                    + "text' (UTF-8), not both.");
        }
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (data == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("Value at '" + path + "data' is not valid Base64: " + e.getMessage());
        }
    }
}
