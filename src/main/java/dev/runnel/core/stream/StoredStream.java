package dev.runnel.core.stream;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Rebuilds a stream exactly as it was stored, version included. For storage adapters that keep streams outside
 * memory (a durable catalog reading its files back); changing a stream is {@link Stream#with}, which makes the
 * next version. The stream's own checks apply as when it was made. Stateless.
 */
public final class StoredStream {

    private StoredStream() {}

    /**
     * The stream with the given identity and version, and the other fields as {@code fields} sets them on a
     * {@link StreamChanges} that starts from a new stream's defaults.
     *
     * @throws IllegalArgumentException or {@link dev.runnel.core.error.KinesisException} when the fields break a
     *     rule of {@link Stream} (a retention out of range, a shard at or above the next shard index, ...)
     * @throws NullPointerException when a required field is null
     */
    public static Stream restore(
            StreamName name,
            long incarnation,
            Instant createdAt,
            Instant activeAt,
            long version,
            Consumer<StreamChanges> fields) {
        StreamChanges c = new StreamChanges();
        c.name = name;
        c.incarnation = incarnation;
        c.createdAt = createdAt;
        c.activeAt = activeAt;
        fields.accept(c);
        c.version = version;
        return new Stream(c);
    }
}
