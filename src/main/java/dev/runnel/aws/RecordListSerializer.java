package dev.runnel.aws;

import dev.runnel.core.record.RecordData;
import dev.runnel.records.RecordView;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.dataformat.cbor.CBORGenerator;

/**
 * Writes GetRecords' {@code Records} member, in either encoding, straight from the records read: a page holds up
 * to 10,000 of them, and building a response object per record for the bean serializer cost more than reading
 * them, and without copying any record's payload (a page can hold one 10 MiB record). Each record is {@code SequenceNumber}, {@code ApproximateArrivalTimestamp} (through the encoding's
 * timestamp serializer), {@code Data} (Base64 in JSON, a byte string in CBOR), {@code PartitionKey} and
 * {@code EncryptionType} ({@code KMS} or {@code NONE}), in that order. A record written without a partition key
 * (the AUTO record distribution lets producers leave it out) is stored with an empty one and read back without
 * {@code PartitionKey}, as Kinesis does.
 */
public final class RecordListSerializer extends ValueSerializer<List<RecordView>> {

    private static final SerializableString SEQUENCE_NUMBER = new SerializedString("SequenceNumber");
    private static final SerializableString ARRIVAL = new SerializedString("ApproximateArrivalTimestamp");
    private static final SerializableString DATA = new SerializedString("Data");
    private static final SerializableString PARTITION_KEY = new SerializedString("PartitionKey");
    private static final SerializableString ENCRYPTION_TYPE = new SerializedString("EncryptionType");
    private static final SerializableString KMS = new SerializedString("KMS");
    private static final SerializableString NONE = new SerializedString("NONE");
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    /** Payloads up to this size are Base64-encoded in one piece (a copy of at most about 87 KiB). */
    private static final int JDK_BASE64_MAX_BYTES = 64 * 1024;

    @Override
    public void serialize(List<RecordView> records, JsonGenerator generator, SerializationContext context) {
        ValueSerializer<Object> timestamps = context.findValueSerializer(Instant.class);
        generator.writeStartArray(records, records.size());
        for (RecordView record : records) {
            boolean keyed = !record.partitionKey().isEmpty();
            generator.writeStartObject(record, keyed ? 5 : 4);
            generator.writeName(SEQUENCE_NUMBER);
            generator.writeString(record.sequenceNumber().toString());
            generator.writeName(ARRIVAL);
            timestamps.serialize(record.approximateArrivalTimestamp(), generator, context);
            generator.writeName(DATA);
            writeData(generator, record.data());
            if (keyed) {
                generator.writeName(PARTITION_KEY);
                generator.writeString(record.partitionKey());
            }
            generator.writeName(ENCRYPTION_TYPE);
            generator.writeString(record.encrypted() ? KMS : NONE);
            generator.writeEndObject();
        }
        generator.writeEndArray();
    }

    /**
     * A byte string in CBOR; in JSON standard Base64 (what {@code writeBinary} writes). Either is written from the
     * stored bytes without a copy of the record: CBOR and large JSON payloads stream through the generator's
     * buffer; a small JSON payload is encoded by the JDK's encoder, which is faster than the generator's own, and
     * written as a string needing no escapes.
     */
    private static void writeData(JsonGenerator generator, RecordData data) {
        if (generator instanceof CBORGenerator || data.length() > JDK_BASE64_MAX_BYTES) {
            generator.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, data.stream(), data.length());
        } else {
            ByteBuffer base64 = BASE64.encode(data.buffer());
            generator.writeRawUTF8String(base64.array(), base64.arrayOffset(), base64.remaining());
        }
    }
}
