package dev.runnel.console;

import dev.runnel.core.error.SerializationException;
import dev.runnel.records.RecordInput;
import dev.runnel.records.StandardBase64;
import java.nio.charset.StandardCharsets;

/**
 * The put-record form.
 *
 * @param encoding TEXT (the data is sent as its UTF-8 bytes) or BASE64 (the data is decoded first)
 * @param explicitHashKey optional; blank means route by the partition key's MD5
 */
public record PutRecordForm(String partitionKey, String data, String encoding, String explicitHashKey) {

    static PutRecordForm empty() {
        return new PutRecordForm("", "", "TEXT", "");
    }

    RecordInput toRecord() {
        byte[] bytes;
        if ("BASE64".equals(encoding)) {
            try {
                bytes = StandardBase64.decode(data == null ? "" : data.replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new SerializationException("The data is not valid Base64: " + e.getMessage());
            }
        } else {
            bytes = (data == null ? "" : data).getBytes(StandardCharsets.UTF_8);
        }
        String hashKey = explicitHashKey == null || explicitHashKey.isBlank() ? null : explicitHashKey.strip();
        return new RecordInput(partitionKey == null ? "" : partitionKey, bytes, hashKey);
    }
}
