package dev.runnel.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.record.RecordData;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.records.RecordView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.dataformat.cbor.CBORMapper;

class RecordListSerializerTest {

    record Page(
            @JsonSerialize(using = RecordListSerializer.class)
            List<RecordView> records,

            String next) {}

    private static final RecordView PLAIN = new RecordView(
            new SequenceNumber(7, 1, 0),
            Instant.ofEpochMilli(1_764_142_403_005L),
            "key-1",
            RecordData.copyOf("test1".getBytes(StandardCharsets.UTF_8)),
            false);
    private static final RecordView ENCRYPTED = new RecordView(
            new SequenceNumber(7, 1, 1),
            Instant.ofEpochMilli(1_764_142_403_120L),
            "ключ",
            RecordData.copyOf(new byte[] {0, (byte) 0xFF}),
            true);

    @Test
    void writesEveryMemberInOrderInJson() {
        String json = new String(
                AwsWireFormats.json().writeValueAsBytes(new Page(List.of(PLAIN, ENCRYPTED), "it")),
                StandardCharsets.UTF_8);

        assertThat(json)
                .isEqualTo("{\"Records\":["
                        + "{\"SequenceNumber\":\"" + PLAIN.sequenceNumber()
                        + "\",\"ApproximateArrivalTimestamp\":1764142403.005,"
                        + "\"Data\":\"dGVzdDE=\",\"PartitionKey\":\"key-1\",\"EncryptionType\":\"NONE\"},"
                        + "{\"SequenceNumber\":\"" + ENCRYPTED.sequenceNumber()
                        + "\",\"ApproximateArrivalTimestamp\":1764142403.120,"
                        + "\"Data\":\"AP8=\",\"PartitionKey\":\"ключ\",\"EncryptionType\":\"KMS\"}],\"Next\":\"it\"}");
    }

    @Test
    void writesAnEmptyPage() {
        String json =
                new String(AwsWireFormats.json().writeValueAsBytes(new Page(List.of(), null)), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"Records\":[]}");
    }

    @Test
    void writesBytesAndMillisecondTimestampsInCbor() {
        byte[] cbor = AwsWireFormats.cbor().writeValueAsBytes(new Page(List.of(ENCRYPTED), "it"));

        JsonNode record =
                CBORMapper.builder().build().readTree(cbor).get("Records").get(0);
        assertThat(record.get("SequenceNumber").asString())
                .isEqualTo(ENCRYPTED.sequenceNumber().toString());
        assertThat(record.get("ApproximateArrivalTimestamp").asLong()).isEqualTo(1_764_142_403_120L);
        assertThat(record.get("Data").binaryValue()).containsExactly(0, 0xFF);
        assertThat(record.get("PartitionKey").asString()).isEqualTo("ключ");
        assertThat(record.get("EncryptionType").asString()).isEqualTo("KMS");
    }

    @Test
    void jsonTimestampsKeepThreeDecimalsAtEveryMagnitude() {
        for (long millis : new long[] {0, 1, 10, 999, 1000, 1_764_142_403_000L, -1, -1500}) {
            String json = new String(
                    AwsWireFormats.json().writeValueAsBytes(Instant.ofEpochMilli(millis)), StandardCharsets.UTF_8);
            assertThat(json)
                    .as("%d ms", millis)
                    .isEqualTo(java.math.BigDecimal.valueOf(millis, 3).toString());
        }
    }

    @Test
    void aLongPageMatchesEachRecordWrittenAlone() {
        List<RecordView> records = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(21);
        long position = (1L << 30) - 3;
        long millis = 1_764_142_403_005L;
        for (int i = 0; i < 300; i++) {
            byte[] data = new byte[i == 150 ? 70_000 : random.nextInt(40)];
            random.nextBytes(data);
            int shard = i < 200 ? 1 : 2; // the last records from another shard, as no page has them
            records.add(new RecordView(
                    new SequenceNumber(7, shard, position),
                    Instant.ofEpochMilli(millis),
                    "k" + i,
                    RecordData.copyOf(data),
                    false));
            position += i % 50 == 0 ? 1_000_000 : 1;
            millis += i % 7 == 0 ? 1 : 0;
        }
        byte[] json = AwsWireFormats.json().writeValueAsBytes(new Page(records, null));
        JsonNode page = AwsWireFormats.json().readTree(json).get("Records");
        List<String> timestamps = java.util.regex.Pattern.compile("\"ApproximateArrivalTimestamp\":([0-9.]+),")
                .matcher(new String(json, StandardCharsets.UTF_8))
                .results()
                .map(match -> match.group(1))
                .toList();

        assertThat(page).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            RecordView record = records.get(i);
            JsonNode written = page.get(i);
            assertThat(written.get("SequenceNumber").asString())
                    .isEqualTo(record.sequenceNumber().toString());
            assertThat(timestamps.get(i))
                    .isEqualTo(java.math.BigDecimal.valueOf(
                                    record.approximateArrivalTimestamp().toEpochMilli(), 3)
                            .toString());
            assertThat(written.get("Data").asString())
                    .isEqualTo(java.util.Base64.getEncoder()
                            .encodeToString(record.data().toByteArray()));
            assertThat(written.get("PartitionKey").asString()).isEqualTo("k" + i);
        }
    }
}
