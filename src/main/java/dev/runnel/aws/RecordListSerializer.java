package dev.runnel.aws;

import dev.runnel.records.RecordView;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes GetRecords' {@code Records} member, in either encoding, straight from the records read: a page holds up
 * to 10,000 of them, and building a response object per record for the bean serializer cost more than reading
 * them. Each record is {@code SequenceNumber}, {@code ApproximateArrivalTimestamp} (through the encoding's
 * timestamp serializer), {@code Data} (Base64 in JSON, a byte string in CBOR), {@code PartitionKey} and
 * {@code EncryptionType} ({@code KMS} or {@code NONE}), in that order.
 */
public final class RecordListSerializer extends ValueSerializer<List<RecordView>> {

    private static final SerializableString SEQUENCE_NUMBER = new SerializedString("SequenceNumber");
    private static final SerializableString ARRIVAL = new SerializedString("ApproximateArrivalTimestamp");
    private static final SerializableString DATA = new SerializedString("Data");
    private static final SerializableString PARTITION_KEY = new SerializedString("PartitionKey");
    private static final SerializableString ENCRYPTION_TYPE = new SerializedString("EncryptionType");
    private static final SerializableString KMS = new SerializedString("KMS");
    private static final SerializableString NONE = new SerializedString("NONE");

    @Override
    public void serialize(List<RecordView> records, JsonGenerator generator, SerializationContext context) {
        ValueSerializer<Object> timestamps = context.findValueSerializer(Instant.class);
        generator.writeStartArray(records, records.size());
        for (RecordView record : records) {
            generator.writeStartObject(record, 5);
            generator.writeName(SEQUENCE_NUMBER);
            generator.writeString(record.sequenceNumber().toString());
            generator.writeName(ARRIVAL);
            timestamps.serialize(record.approximateArrivalTimestamp(), generator, context);
            generator.writeName(DATA);
            generator.writeBinary(record.data());
            generator.writeName(PARTITION_KEY);
            generator.writeString(record.partitionKey());
            generator.writeName(ENCRYPTION_TYPE);
            generator.writeString(record.encrypted() ? KMS : NONE);
            generator.writeEndObject();
        }
        generator.writeEndArray();
    }
}
