package dev.runnel.streams;

import dev.runnel.core.error.Messages;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.StreamStatus;
import dev.runnel.storage.StreamCatalog;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * How a stream's metadata changes: read the live version, apply a change, compare-and-set it in the catalog,
 * and retry on a lost race. The change function may run more than once and must not have side effects; it
 * throws to refuse the change. Thread-safe.
 */
final class StreamUpdates {

    private final StreamLookup streams;
    private final StreamCatalog catalog;

    StreamUpdates(StreamLookup streams, StreamCatalog catalog) {
        this.streams = streams;
        this.catalog = catalog;
    }

    /**
     * Applies {@code change} to the live stream.
     *
     * @return the stream after the change (the same object when the change left it as it was)
     * @throws dev.runnel.core.error.ResourceNotFoundException when the stream does not exist or has finished
     *     deleting
     */
    Stream update(StreamName name, Instant now, UnaryOperator<Stream> change) {
        while (true) {
            Stream current = streams.require(name, now);
            Stream updated = change.apply(current);
            if (updated == current || catalog.replace(current, updated)) {
                return updated;
            }
        }
    }

    /**
     * As {@link #update}, for changes that need the stream ACTIVE.
     *
     * @throws dev.runnel.core.error.ResourceInUseException when it is not
     */
    Stream updateActive(StreamName name, Instant now, UnaryOperator<Stream> change) {
        return update(name, now, stream -> change.apply(streams.active(stream, now)));
    }

    /**
     * Tags may change while the stream is ACTIVE or UPDATING.
     *
     * @throws dev.runnel.core.error.ResourceInUseException while it is CREATING or DELETING
     */
    void requireWritableMetadata(Stream stream, Instant now) {
        StreamStatus status = stream.statusAt(now);
        if (status == StreamStatus.CREATING || status == StreamStatus.DELETING) {
            throw Messages.streamNotActive(stream.name().value(), streams.account(), status.name());
        }
    }
}
