package dev.runnel.storage.document;

import static dev.runnel.storage.document.StreamSamples.assertSameStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamFeatures;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.StreamStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class StreamJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theSampleSetsEveryField() {
        Stream s = StreamSamples.everyField();
        Instant nanos = s.updatingUntil();
        assertThat(nanos.getNano() % 1_000_000).as("sub-millisecond digits").isNotZero();
        assertThat(s.goneAt()).isNotNull();
        assertThat(s.statusAt(s.activeAt())).isEqualTo(StreamStatus.DELETING);
        assertThat(s.encryptionKeyId()).isNotNull();
        assertThat(s.shardLevelMetrics()).hasSize(2);
        assertThat(s.tags()).hasSize(2);
        assertThat(s.shards()).filteredOn(shard -> !shard.isOpen()).hasSize(3);
        assertThat(s.shards()).filteredOn(shard -> shard.parent() != null).hasSize(3);
        assertThat(s.shards())
                .filteredOn(shard -> shard.adjacentParent() != null)
                .hasSize(1);
        assertThat(s.shards()).extracting(Shard::endPosition).contains(1234L, 55L, 66L);
        assertThat(s.nextShardIndex()).isEqualTo(7);
        assertThat(s.shardCountUpdates()).hasSize(2);
        assertThat(s.modeUpdates()).hasSize(1);
        assertThat(s.scalingEvents()).hasSize(2);
        assertThat(s.consumers())
                .hasSize(2)
                .anySatisfy(c -> assertThat(c.goneAt()).isNotNull());
        StreamFeatures features = s.features();
        assertThat(features).isNotEqualTo(StreamFeatures.DEFAULTS);
        assertThat(features.resourcePolicies()).hasSize(2);
        assertThat(features.warmThroughputMiBps()).isEqualTo(100);
        assertThat(features.channels()).hasSize(2);
        assertThat(features.channels().get(0).updatingUntil()).isNotNull();
        assertThat(features.channels().get(0).policy()).isNotNull();
        assertThat(features.channels().get(1).goneAt()).isNotNull();
        assertThat(s.version()).isEqualTo(5);
    }

    @Test
    void everyFieldRoundTrips() throws Exception {
        Stream original = StreamSamples.everyField();
        Stream read = StreamJson.read(StreamJson.write(original));
        assertSameStream(read, original);
        assertThat(StreamJson.write(read)).isEqualTo(StreamJson.write(original));
    }

    @Test
    void theDocumentIsReadableJsonOfFormatOne() throws Exception {
        Stream original = StreamSamples.everyField();
        JsonNode document = JSON.readTree(StreamJson.write(original));
        assertThat(document.get("format").intValue()).isEqualTo(1);
        assertThat(document.get("name").stringValue()).isEqualTo("Orders.v2");
        assertThat(document.get("updatingUntil").stringValue())
                .isEqualTo(original.updatingUntil().toString());
        assertThat(document.get("shards").get(0).get("id").stringValue()).isEqualTo("shardId-000000000000");
        assertThat(document.get("shards").get(3).get("endingHashKey").stringValue())
                .isEqualTo("340282366920938463463374607431768211455");
        assertThat(document.get("version").longValue()).isEqualTo(5);
    }

    @Test
    void aNewStreamRoundTrips() throws Exception {
        Stream original = Stream.create(
                StreamName.of("s"),
                1,
                StreamMode.PROVISIONED,
                1,
                24,
                1024,
                Map.of(),
                Instant.parse("2025-01-01T00:00:00Z"),
                Duration.ZERO);
        assertSameStream(StreamJson.read(StreamJson.write(original)), original);
    }

    @Test
    void anyJavaStringRoundTripsAndTheFileIsAscii() throws Exception {
        Stream original = StreamSamples.everyField().with(c -> c.tags = Map.of("lone \uD800", "\uDC00 low", "é", "😀"));
        byte[] document = StreamJson.write(original);
        assertSameStream(StreamJson.read(document), original);
        for (byte b : document) {
            assertThat(b).isBetween((byte) 0, (byte) 127);
        }
    }

    @Test
    void randomStreamsRoundTrip() {
        long base = Long.getLong("runnel.seed", System.nanoTime());
        for (int i = 0; i < 400; i++) {
            long seed = base + i;
            try {
                Stream original = StreamSamples.random(new Random(seed));
                assertSameStream(StreamJson.read(StreamJson.write(original)), original);
            } catch (Throwable e) {
                throw new AssertionError(
                        "round trip failed for seed " + seed + " (rerun with -Drunnel.seed=" + seed + ")", e);
            }
        }
    }

    @Test
    void bytesThatAreNotUtf8AreAFormatError() {
        assertThatThrownBy(() -> StreamJson.read(new byte[] {'{', (byte) 0xC3, '}'}))
                .isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("not UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "null", "42", "\"stream\"", "{} {}", "{\"format\":1,\"format\":1}"})
    void notAJsonObjectIsAFormatError(String document) {
        assertThatThrownBy(() -> StreamJson.read(document.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("JSON");
    }

    @Test
    void aDocumentWithoutAFormatOrOfAnotherFormatIsRefused() {
        assertThatThrownBy(() -> read(d -> d.remove("format")))
                .isInstanceOf(StreamFormatException.class)
                .hasMessageContaining("no \"format\"");
        for (Object format : List.of(2, 0, "1", 1.5, true)) {
            assertThatThrownBy(() -> read(d -> d.set("format", JSON.valueToTree(format))))
                    .as("format %s", format)
                    .isInstanceOf(StreamFormatException.class)
                    .hasMessageContaining("unknown format " + JSON.valueToTree(format))
                    .hasMessageContaining("reads format 1");
        }
    }

    @Test
    void aMalformedFieldIsNamedByItsPath() {
        Map<String, Consumer<ObjectNode>> damage = new java.util.LinkedHashMap<>();
        damage.put("name: missing", d -> d.remove("name"));
        damage.put("name: expected a string", d -> d.put("name", 5));
        damage.put("incarnation: expected a 64-bit integer", d -> d.put("incarnation", "7"));
        damage.put(
                "version: expected a 64-bit integer",
                d -> d.put("version", new java.math.BigInteger("1" + "0".repeat(30))));
        damage.put("retentionHours: expected a 32-bit integer", d -> d.put("retentionHours", 24.5));
        damage.put("createdAt: expected an ISO-8601 instant", d -> d.put("createdAt", "yesterday"));
        damage.put("mode: unknown StreamMode \"FAST\"", d -> d.put("mode", "FAST"));
        damage.put(
                "shardLevelMetrics[2]: unknown ShardLevelMetric \"Nope\"",
                d -> ((ArrayNode) d.get("shardLevelMetrics")).add("Nope"));
        damage.put("tags.team: expected a string", d -> ((ObjectNode) d.get("tags")).put("team", 1));
        damage.put("shards[0]: expected an object, found null", d -> ((ArrayNode) d.get("shards")).setNull(0));
        damage.put(
                "shards[2].startingHashKey: expected a decimal hash key",
                d -> shard(d, 2).put("startingHashKey", "x"));
        damage.put(
                "shards[1].endingHashKey: expected a decimal hash key",
                d -> shard(d, 1).put("endingHashKey", "1" + "0".repeat(39)));
        damage.put("shards[0].id: expected a shard id", d -> shard(d, 0).put("id", "shard-0"));
        damage.put("shards[4].parent: expected a shard id", d -> shard(d, 4).put("parent", "1"));
        damage.put(
                "shards[1].endPosition: expected a 64-bit integer",
                d -> shard(d, 1).put("endPosition", "12"));
        damage.put("shardCountUpdates[0]: expected a string", d -> ((ArrayNode) d.get("shardCountUpdates")).set(0, 3));
        damage.put(
                "scalingEvents[0].fromShards: missing",
                d -> ((ObjectNode) d.get("scalingEvents").get(0)).remove("fromShards"));
        damage.put(
                "consumers[1].tags: missing",
                d -> ((ObjectNode) d.get("consumers").get(1)).remove("tags"));
        damage.put("features: expected an object", d -> d.put("features", "none"));
        damage.put(
                "features.recordDistribution: unknown RecordDistribution",
                d -> ((ObjectNode) d.get("features")).put("recordDistribution", "ROUND_ROBIN"));
        damage.put(
                "features.channels[0].configuration: missing",
                d -> ((ObjectNode) d.get("features").get("channels").get(0)).remove("configuration"));
        damage.put(
                "features.channels[1].configuration.s3TablesDestinationConfiguration.s3TablesConfigurationList[0].partitionSpec.partitionFields: expected an array",
                d -> ((ObjectNode)
                                d.at(
                                        "/features/channels/1/configuration/s3TablesDestinationConfiguration/s3TablesConfigurationList/0/partitionSpec"))
                        .put("partitionFields", "TIME_HOUR"));
        damage.put(
                "features.channels[0].configuration.loggingConfiguration.cloudWatchLogs.enabled: expected true or false",
                d -> ((ObjectNode) d.at("/features/channels/0/configuration/loggingConfiguration/cloudWatchLogs"))
                        .put("enabled", "yes"));
        damage.put("not a valid stream: Maximum allowed retention period", d -> d.put("retentionHours", 9000));
        damage.put(
                "not a valid stream: shard shardId-000000000006 is not below the next shard index 6",
                d -> d.put("nextShardIndex", 6));
        damage.put(
                "not a valid stream: open shards must cover", d -> shard(d, 0).put("startingHashKey", "1"));
        damage.put(
                "not a valid stream: a closed shard has both", d -> shard(d, 1).remove("closedAt"));
        damage.put("are not adjacent", d -> shard(d, 1).remove(List.of("closedAt", "endPosition")));
        damage.put("not a valid stream", d -> d.put("name", "a/b"));
        damage.put(
                "not a valid stream: negative warm throughput",
                d -> ((ObjectNode) d.get("features")).put("warmThroughputMiBps", -1));
        damage.forEach((message, change) -> assertThatThrownBy(() -> read(change))
                .as(message)
                .isInstanceOf(StreamFormatException.class)
                .hasMessageContaining(message));
    }

    /** Every member of every object removed, nulled, or given another type: read or refused, never anything else. */
    @Test
    void anyDamagedMemberIsReadOrRefusedWithAFormatError() {
        ObjectNode document = document(StreamSamples.everyField());
        List<JsonNode> replacements = List.of(
                JSON.nullNode(),
                JSON.valueToTree(true),
                JSON.valueToTree(-1),
                JSON.valueToTree("x"),
                JSON.createArrayNode().add(1),
                JSON.createObjectNode());
        int cases = 0;
        for (String pointer : objectPointers(document, "")) {
            ObjectNode parent = (ObjectNode) document.at(pointer);
            for (String member : List.copyOf(parent.propertyNames())) {
                List<Consumer<ObjectNode>> damages = new ArrayList<>();
                damages.add(o -> o.remove(member));
                replacements.forEach(value -> damages.add(o -> o.set(member, value)));
                for (Consumer<ObjectNode> damage : damages) {
                    ObjectNode copy = document.deepCopy();
                    damage.accept((ObjectNode) copy.at(pointer));
                    readOrRefuse(JSON.writeValueAsBytes(copy), pointer + "/" + member);
                    cases++;
                }
            }
        }
        assertThat(cases).isGreaterThan(500);
    }

    /** Random bytes flipped, cut or inserted: read or refused, never anything else. */
    @Test
    void damagedBytesAreReadOrRefusedWithAFormatError() {
        byte[] original = StreamJson.write(StreamSamples.everyField());
        long seed = Long.getLong("runnel.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            byte[] damaged = original.clone();
            int at = random.nextInt(damaged.length);
            switch (i % 3) {
                case 0 -> damaged[at] = (byte) random.nextInt(256);
                case 1 -> damaged = java.util.Arrays.copyOf(damaged, at);
                default -> damaged[at] = (byte) "{}[]\",:0n".charAt(random.nextInt(9));
            }
            readOrRefuse(damaged, "seed " + seed + ", case " + i);
        }
    }

    private static void readOrRefuse(byte[] document, String what) {
        try {
            StreamJson.read(document);
        } catch (StreamFormatException expected) {
            assertThat(expected.getMessage()).as(what).isNotBlank();
        } catch (RuntimeException e) {
            throw new AssertionError("not a StreamFormatException for " + what, e);
        }
    }

    private static List<String> objectPointers(JsonNode node, String pointer) {
        List<String> pointers = new ArrayList<>();
        if (node.isObject()) {
            pointers.add(pointer);
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                pointers.addAll(objectPointers(member.getValue(), pointer + "/" + escape(member.getKey())));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                pointers.addAll(objectPointers(node.get(i), pointer + "/" + i));
            }
        }
        return pointers;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static ObjectNode shard(ObjectNode document, int index) {
        return (ObjectNode) document.get("shards").get(index);
    }

    private static ObjectNode document(Stream stream) {
        return (ObjectNode) JSON.readTree(StreamJson.write(stream));
    }

    private static Stream read(Consumer<ObjectNode> change) throws StreamFormatException {
        ObjectNode document = document(StreamSamples.everyField());
        change.accept(document);
        return StreamJson.read(JSON.writeValueAsBytes(document));
    }
}
