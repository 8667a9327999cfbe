package dev.runnel.storage;

import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import java.util.List;
import java.util.Optional;

/**
 * Where stream metadata lives. Streams are immutable values; a change replaces one whole, by compare-and-set
 * on its version, so concurrent writers never lose each other's updates and no global lock is needed.
 *
 * <p>Implementations are thread-safe. The catalog knows nothing of stream status or time: callers decide
 * what a DELETING or gone stream means.
 */
public interface StreamCatalog {

    /** The stream stored under the name, if any. */
    Optional<Stream> find(StreamName name);

    /**
     * Stores a new stream unless the name is taken.
     *
     * @return false when a stream of that name is already stored (nothing changes)
     */
    boolean add(Stream stream);

    /**
     * Replaces {@code expected} with {@code updated} if the stored stream of that name is still
     * {@code expected} (same incarnation and version).
     *
     * @return false when the stored stream changed or vanished since {@code expected} was read
     */
    boolean replace(Stream expected, Stream updated);

    /**
     * Removes {@code expected} if it is still the stored stream of that name.
     *
     * @return false when the stored stream changed or vanished since {@code expected} was read
     */
    boolean remove(Stream expected);

    /**
     * Streams in name order (by UTF-16 code units, which is byte order for the ASCII names Kinesis allows).
     *
     * @param exclusiveStart list names after this one; null to start from the first
     * @param limit at most this many, at least 1
     */
    List<Stream> list(StreamName exclusiveStart, int limit);

    /** Every stored stream, in name order; a snapshot that later changes do not affect. */
    List<Stream> all();
}
