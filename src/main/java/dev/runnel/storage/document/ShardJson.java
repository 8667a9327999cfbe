package dev.runnel.storage.document;

import static dev.runnel.storage.document.JsonFields.instant;
import static dev.runnel.storage.document.JsonFields.optionalInstant;
import static dev.runnel.storage.document.JsonFields.optionalLong;
import static dev.runnel.storage.document.JsonFields.optionalString;
import static dev.runnel.storage.document.JsonFields.path;
import static dev.runnel.storage.document.JsonFields.problem;
import static dev.runnel.storage.document.JsonFields.putInstant;
import static dev.runnel.storage.document.JsonFields.putString;
import static dev.runnel.storage.document.JsonFields.string;

import dev.runnel.core.hash.HashKey;
import dev.runnel.core.hash.HashKeyRange;
import dev.runnel.core.shard.Shard;
import dev.runnel.core.shard.ShardId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A shard in a stream document: its id and parents as Kinesis prints shard ids, its hash-key range as decimal
 * strings, its opening and, once closed, its end position and closing instant. Stateless.
 */
final class ShardJson {

    private ShardJson() {}

    static void write(ObjectNode out, Shard shard) {
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

    static Shard read(JsonNode in, String path) throws StreamFormatException {
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
}
