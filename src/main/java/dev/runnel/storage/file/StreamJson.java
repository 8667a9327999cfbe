package dev.runnel.storage.file;

import static dev.runnel.storage.file.JsonFields.addInstants;
import static dev.runnel.storage.file.JsonFields.array;
import static dev.runnel.storage.file.JsonFields.element;
import static dev.runnel.storage.file.JsonFields.enumValue;
import static dev.runnel.storage.file.JsonFields.instant;
import static dev.runnel.storage.file.JsonFields.instants;
import static dev.runnel.storage.file.JsonFields.integer;
import static dev.runnel.storage.file.JsonFields.longInteger;
import static dev.runnel.storage.file.JsonFields.object;
import static dev.runnel.storage.file.JsonFields.objectElement;
import static dev.runnel.storage.file.JsonFields.optionalInstant;
import static dev.runnel.storage.file.JsonFields.optionalLong;
import static dev.runnel.storage.file.JsonFields.optionalString;
import static dev.runnel.storage.file.JsonFields.path;
import static dev.runnel.storage.file.JsonFields.problem;
import static dev.runnel.storage.file.JsonFields.putInstant;
import static dev.runnel.storage.file.JsonFields.putMap;
import static dev.runnel.storage.file.JsonFields.putString;
import static dev.runnel.storage.file.JsonFields.requireString;
import static dev.runnel.storage.file.JsonFields.string;
import static dev.runnel.storage.file.JsonFields.stringMap;

import dev.runnel.core.channel.Channel;
import dev.runnel.core.error.KinesisException;
import dev.runnel.core.hash.HashKey;
import dev.runnel.core.hash.HashKeyRange;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.RecordDistribution;
import dev.runnel.core.stream.ScalingEvent;
import dev.runnel.core.stream.ShardLevelMetric;
import dev.runnel.core.stream.StoredStream;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamConsumer;
import dev.runnel.core.stream.StreamFeatures;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stream as a JSON document, every field of it, and back: {@code read(write(s))} equals {@code s} in every
 * accessor, version and list order included. The document is an object with {@code "format": 1} and one member
 * per field of {@link Stream}, named as its accessor; instants are ISO-8601 strings to the nanosecond, hash keys
 * decimal strings, shard ids as Kinesis prints them, and null fields are left out. Written by hand, so the core
 * types stay free of Jackson. Stateless and thread-safe.
 */
final class StreamJson {

    /** The document format this class writes, and the only one it reads. */
    static final int FORMAT = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private StreamJson() {}

    /** The stream as an indented JSON document in UTF-8. */
    static byte[] write(Stream stream) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("format", FORMAT);
        out.put("name", stream.name().value());
        out.put("incarnation", stream.incarnation());
        out.put("version", stream.version());
        out.put("createdAt", stream.createdAt().toString());
        out.put("activeAt", stream.activeAt().toString());
        putInstant(out, "updatingUntil", stream.updatingUntil());
        putInstant(out, "goneAt", stream.goneAt());
        out.put("mode", stream.mode().name());
        out.put("retentionHours", stream.retentionHours());
        out.put("maxRecordSizeKiB", stream.maxRecordSizeKiB());
        putString(out, "encryptionKeyId", stream.encryptionKeyId());
        ArrayNode metrics = out.putArray("shardLevelMetrics");
        stream.shardLevelMetrics().forEach(metric -> metrics.add(metric.name()));
        putMap(out, "tags", stream.tags());
        out.put("nextShardIndex", stream.nextShardIndex());
        ArrayNode shards = out.putArray("shards");
        stream.shards().forEach(shard -> writeShard(shards.addObject(), shard));
        addInstants(out.putArray("shardCountUpdates"), stream.shardCountUpdates());
        addInstants(out.putArray("modeUpdates"), stream.modeUpdates());
        ArrayNode events = out.putArray("scalingEvents");
        for (ScalingEvent event : stream.scalingEvents()) {
            ObjectNode node = events.addObject();
            putInstant(node, "at", event.at());
            node.put("fromShards", event.fromShards());
            node.put("toShards", event.toShards());
            putString(node, "reason", event.reason());
        }
        ArrayNode consumers = out.putArray("consumers");
        for (StreamConsumer consumer : stream.consumers()) {
            ObjectNode node = consumers.addObject();
            node.put("name", consumer.name());
            node.put("createdAt", consumer.createdAt().toString());
            node.put("activeAt", consumer.activeAt().toString());
            putInstant(node, "goneAt", consumer.goneAt());
            putMap(node, "tags", consumer.tags());
        }
        StreamFeatures features = stream.features();
        ObjectNode featuresNode = out.putObject("features");
        putMap(featuresNode, "resourcePolicies", features.resourcePolicies());
        featuresNode.put("warmThroughputMiBps", features.warmThroughputMiBps());
        featuresNode.put("recordDistribution", features.recordDistribution().name());
        ArrayNode channels = featuresNode.putArray("channels");
        features.channels().forEach(channel -> ChannelJson.write(channels.addObject(), channel));
        return MAPPER.writeValueAsBytes(out);
    }

    private static void writeShard(ObjectNode out, Shard shard) {
        out.put("id", shard.id().toString());
        out.put("startingHashKey", shard.hashKeyRange().start().toBigInteger().toString());
        out.put("endingHashKey", shard.hashKeyRange().end().toBigInteger().toString());
        putString(out, "parent", shard.parent() == null ? null : shard.parent().toString());
        putString(
                out,
                "adjacentParent",
                shard.adjacentParent() == null ? null : shard.adjacentParent().toString());
        out.put("openedAt", shard.openedAt().toString());
        if (shard.endPosition() != null) {
            out.put("endPosition", shard.endPosition().longValue());
        }
        putInstant(out, "closedAt", shard.closedAt());
    }

    /**
     * The stream a document describes.
     *
     * @throws StreamFormatException when the bytes are not a JSON object, its format is not {@value #FORMAT}, a
     *     field is missing or of the wrong type, or the values break a rule of the stream
     */
    static Stream read(byte[] document) throws StreamFormatException {
        JsonNode in;
        try {
            in = MAPPER.readTree(document);
        } catch (JacksonException e) {
            throw new StreamFormatException("not valid JSON: " + e.getOriginalMessage());
        }
        if (in == null || !in.isObject()) {
            throw new StreamFormatException("not a JSON object");
        }
        JsonNode format = in.get("format");
        if (format == null) {
            throw new StreamFormatException("no \"format\" member; not a stream document");
        }
        if (!format.isIntegralNumber() || !format.canConvertToInt() || format.intValue() != FORMAT) {
            throw new StreamFormatException(
                    "unknown format " + format + "; this version of Runnel reads format " + FORMAT);
        }
        try {
            return readStream(in);
        } catch (IllegalArgumentException | KinesisException e) {
            throw new StreamFormatException("not a valid stream: " + e.getMessage());
        }
    }

    private static Stream readStream(JsonNode in) throws StreamFormatException {
        StreamName name = StreamName.of(string(in, "name", ""));
        Instant updatingUntil = optionalInstant(in, "updatingUntil", "");
        Instant goneAt = optionalInstant(in, "goneAt", "");
        StreamMode mode = enumValue(string(in, "mode", ""), StreamMode.class, "mode");
        int retentionHours = integer(in, "retentionHours", "");
        int maxRecordSizeKiB = integer(in, "maxRecordSizeKiB", "");
        String encryptionKeyId = optionalString(in, "encryptionKeyId", "");
        Set<ShardLevelMetric> metrics = EnumSet.noneOf(ShardLevelMetric.class);
        List<JsonNode> metricNodes = array(in, "shardLevelMetrics", "");
        for (int i = 0; i < metricNodes.size(); i++) {
            String at = element("", "shardLevelMetrics", i);
            metrics.add(enumValue(requireString(metricNodes.get(i), at), ShardLevelMetric.class, at));
        }
        SortedMap<String, String> tags = stringMap(in, "tags", "");
        int nextShardIndex = integer(in, "nextShardIndex", "");
        List<Shard> shards = new ArrayList<>();
        List<JsonNode> shardNodes = array(in, "shards", "");
        for (int i = 0; i < shardNodes.size(); i++) {
            shards.add(readShard(objectElement(shardNodes, i, "", "shards"), element("", "shards", i)));
        }
        List<Instant> shardCountUpdates = instants(in, "shardCountUpdates", "");
        List<Instant> modeUpdates = instants(in, "modeUpdates", "");
        List<ScalingEvent> events = new ArrayList<>();
        List<JsonNode> eventNodes = array(in, "scalingEvents", "");
        for (int i = 0; i < eventNodes.size(); i++) {
            JsonNode node = objectElement(eventNodes, i, "", "scalingEvents");
            String at = element("", "scalingEvents", i);
            events.add(new ScalingEvent(
                    optionalInstant(node, "at", at),
                    integer(node, "fromShards", at),
                    integer(node, "toShards", at),
                    optionalString(node, "reason", at)));
        }
        List<StreamConsumer> consumers = new ArrayList<>();
        List<JsonNode> consumerNodes = array(in, "consumers", "");
        for (int i = 0; i < consumerNodes.size(); i++) {
            JsonNode node = objectElement(consumerNodes, i, "", "consumers");
            String at = element("", "consumers", i);
            consumers.add(new StreamConsumer(
                    string(node, "name", at),
                    instant(node, "createdAt", at),
                    instant(node, "activeAt", at),
                    optionalInstant(node, "goneAt", at),
                    stringMap(node, "tags", at)));
        }
        StreamFeatures features = readFeatures(object(in, "features", ""), "features");
        return StoredStream.restore(
                name,
                longInteger(in, "incarnation", ""),
                instant(in, "createdAt", ""),
                instant(in, "activeAt", ""),
                longInteger(in, "version", ""),
                c -> {
                    c.updatingUntil = updatingUntil;
                    c.goneAt = goneAt;
                    c.mode = mode;
                    c.retentionHours = retentionHours;
                    c.maxRecordSizeKiB = maxRecordSizeKiB;
                    c.encryptionKeyId = encryptionKeyId;
                    c.shardLevelMetrics = metrics;
                    c.tags = tags;
                    c.shards = shards;
                    c.nextShardIndex = nextShardIndex;
                    c.shardCountUpdates = shardCountUpdates;
                    c.modeUpdates = modeUpdates;
                    c.scalingEvents = events;
                    c.consumers = consumers;
                    c.features = features;
                });
    }

    private static Shard readShard(JsonNode in, String path) throws StreamFormatException {
        return new Shard(
                shardId(string(in, "id", path), path(path, "id")),
                new HashKeyRange(
                        hashKey(string(in, "startingHashKey", path), path(path, "startingHashKey")),
                        hashKey(string(in, "endingHashKey", path), path(path, "endingHashKey"))),
                optionalShardId(optionalString(in, "parent", path), path(path, "parent")),
                optionalShardId(optionalString(in, "adjacentParent", path), path(path, "adjacentParent")),
                instant(in, "openedAt", path),
                optionalLong(in, "endPosition", path),
                optionalInstant(in, "closedAt", path));
    }

    private static ShardId optionalShardId(String text, String path) throws StreamFormatException {
        return text == null ? null : shardId(text, path);
    }

    /** Only the form Kinesis prints ({@code shardId-} and twelve digits), not every form it accepts. */
    private static ShardId shardId(String text, String path) throws StreamFormatException {
        ShardId id = ShardId.parse(text).orElse(null);
        if (id == null || !id.toString().equals(text)) {
            throw problem(path, "expected a shard id like shardId-000000000000, found \"" + text + "\"");
        }
        return id;
    }

    private static HashKey hashKey(String text, String path) throws StreamFormatException {
        return HashKey.parse(text)
                .orElseThrow(
                        () -> problem(path, "expected a decimal hash key in [0, 2^128-1], found \"" + text + "\""));
    }

    private static StreamFeatures readFeatures(JsonNode in, String path) throws StreamFormatException {
        List<Channel> channels = new ArrayList<>();
        List<JsonNode> channelNodes = array(in, "channels", path);
        for (int i = 0; i < channelNodes.size(); i++) {
            channels.add(
                    ChannelJson.read(objectElement(channelNodes, i, path, "channels"), element(path, "channels", i)));
        }
        return new StreamFeatures(
                stringMap(in, "resourcePolicies", path),
                integer(in, "warmThroughputMiBps", path),
                enumValue(
                        string(in, "recordDistribution", path),
                        RecordDistribution.class,
                        path(path, "recordDistribution")),
                channels);
    }
}
