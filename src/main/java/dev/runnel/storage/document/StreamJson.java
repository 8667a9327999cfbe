package dev.runnel.storage.document;

import static dev.runnel.storage.document.JsonFields.addInstants;
import static dev.runnel.storage.document.JsonFields.array;
import static dev.runnel.storage.document.JsonFields.element;
import static dev.runnel.storage.document.JsonFields.enumValue;
import static dev.runnel.storage.document.JsonFields.instant;
import static dev.runnel.storage.document.JsonFields.instants;
import static dev.runnel.storage.document.JsonFields.integer;
import static dev.runnel.storage.document.JsonFields.longInteger;
import static dev.runnel.storage.document.JsonFields.object;
import static dev.runnel.storage.document.JsonFields.objectElement;
import static dev.runnel.storage.document.JsonFields.optionalInstant;
import static dev.runnel.storage.document.JsonFields.optionalString;
import static dev.runnel.storage.document.JsonFields.path;
import static dev.runnel.storage.document.JsonFields.putInstant;
import static dev.runnel.storage.document.JsonFields.putMap;
import static dev.runnel.storage.document.JsonFields.putString;
import static dev.runnel.storage.document.JsonFields.requireString;
import static dev.runnel.storage.document.JsonFields.string;
import static dev.runnel.storage.document.JsonFields.stringMap;

import dev.runnel.core.channel.Channel;
import dev.runnel.core.error.KinesisException;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.stream.RecordDistribution;
import dev.runnel.core.stream.ScalingEvent;
import dev.runnel.core.stream.ShardLevelMetric;
import dev.runnel.core.stream.StoredStream;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamConsumer;
import dev.runnel.core.stream.StreamFeatures;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
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
 * decimal strings, shard ids as Kinesis prints them, and null fields are left out; text beyond ASCII is escaped
 * ({@code \\uXXXX}), so any Java string, even one holding a lone surrogate, comes back exactly. Written by hand, so the core
 * types stay free of Jackson. Stateless and thread-safe.
 */
public final class StreamJson {

    /** The document format this class writes, and the only one it reads. */
    static final int FORMAT = 1;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // ASCII only: a lone surrogate (which a Java string may hold) is escaped rather than written as bytes
            // that are not UTF-8 and that no reader accepts.
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private StreamJson() {}

    /** The stream as an indented JSON document in UTF-8. */
    public static byte[] write(Stream stream) {
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
        stream.shards().forEach(shard -> ShardJson.write(shards.addObject(), shard));
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

    /**
     * The stream a document describes.
     *
     * @throws StreamFormatException when the bytes are not a JSON object, its format is not {@value #FORMAT}, a
     *     field is missing or of the wrong type, or the values break a rule of the stream
     */
    public static Stream read(byte[] document) throws StreamFormatException {
        JsonNode in;
        try {
            // Decoded first: Jackson's byte parser refuses a lone surrogate in a member name even when escaped.
            in = MAPPER.readTree(StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(document))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new StreamFormatException("not UTF-8: " + e.getMessage());
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
            shards.add(ShardJson.read(objectElement(shardNodes, i, "", "shards"), element("", "shards", i)));
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
