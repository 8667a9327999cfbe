package dev.runnel.aws;

import dev.runnel.core.record.RecordData;
import dev.runnel.core.record.SequenceNumberDigits;
import dev.runnel.records.RecordView;
import java.time.Instant;
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
 * them, and without copying any record's payload (a page can hold one 10 MiB record). Each record is
 * {@code SequenceNumber}, {@code ApproximateArrivalTimestamp} (through the encoding's timestamp serializer),
 * {@code Data} (Base64 in JSON, a byte string in CBOR), {@code PartitionKey} and {@code EncryptionType}
 * ({@code KMS} or {@code NONE}), in that order. A page's sequence numbers are one shard's in position order, so one
 * {@link SequenceNumberDigits} writes them all, changing a few digits a record. A record written without a partition
 * key (the AUTO record distribution lets producers leave it out) is stored with an empty one and read back without
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
    /** JSON payloads up to this size are Base64-encoded in one piece, into a scratch array of up to 87 KiB. */
    private static final int SCRATCH_MAX_BYTES = 64 * 1024;

    private static final int SCRATCH_MAX_LENGTH = (SCRATCH_MAX_BYTES + 2) / 3 * 4;

    @Override
    public void serialize(List<RecordView> records, JsonGenerator generator, SerializationContext context) {
        ValueSerializer<Object> timestamps = context.findValueSerializer(Instant.class);
        SequenceNumberDigits sequenceNumbers = new SequenceNumberDigits();
        Base64Scratch base64 = new Base64Scratch();
        generator.writeStartArray(records, records.size());
        for (RecordView record : records) {
            boolean keyed = !record.partitionKey().isEmpty();
            generator.writeStartObject(record, keyed ? 5 : 4);
            generator.writeName(SEQUENCE_NUMBER);
            byte[] digits = sequenceNumbers.of(record.sequenceNumber());
            generator.writeRawUTF8String(digits, 0, digits.length);
            generator.writeName(ARRIVAL);
            timestamps.serialize(record.approximateArrivalTimestamp(), generator, context);
            generator.writeName(DATA);
            writeData(generator, record.data(), base64);
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
     * buffer; a small JSON payload is encoded into the page's scratch array, faster than the generator's own
     * encoder, and written as a string needing no escapes.
     */
    private static void writeData(JsonGenerator generator, RecordData data, Base64Scratch base64) {
        if (generator instanceof CBORGenerator || data.length() > SCRATCH_MAX_BYTES) {
            generator.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, data.stream(), data.length());
        } else {
            byte[] text = base64.arrayFor(data.base64Length());
            generator.writeRawUTF8String(text, 0, data.base64Into(text, 0));
        }
    }

    /** One page's array for the Base64 of its payloads, grown to the largest it encodes. */
    private static final class Base64Scratch {
        private byte[] array = new byte[1024];

        byte[] arrayFor(int length) {
            if (array.length < length) {
                array = new byte[Math.max(length, Math.min(2 * array.length, SCRATCH_MAX_LENGTH))];
            }
            return array;
        }
    }
}
