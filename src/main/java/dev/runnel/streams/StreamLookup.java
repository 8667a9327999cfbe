package dev.runnel.streams;

import dev.runnel.core.error.Messages;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.core.stream.StreamStatus;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.StreamCatalog;
import java.time.Instant;
import java.util.Optional;

/**
 * The read-only port the data plane and resharding use: finding a stream of one account and region as at a
 * given instant, with its status checks, and the logs of its shards, each failing with AWS's words. It changes
 * nothing; stream lifecycle is {@link StreamService}'s. Thread-safe.
 */
public final class StreamLookup {

    private final StreamCatalog catalog;
    private final ShardLogStore logs;
    private final String account;

    /**
     * @param catalog the streams of the account and region
     * @param logs where their shards' records are
     * @param account the account id the error messages name
     */
    public StreamLookup(StreamCatalog catalog, ShardLogStore logs, String account) {
        this.catalog = catalog;
        this.logs = logs;
        this.account = account;
    }

    /** The stream if it exists and has not finished deleting at {@code now}. */
    public Optional<Stream> find(StreamName name, Instant now) {
        return catalog.find(name).filter(stream -> !stream.isGoneAt(now));
    }

    /**
     * The stream as at {@code now}.
     *
     * @throws dev.runnel.core.error.ResourceNotFoundException when it does not exist or has finished deleting
     */
    public Stream require(StreamName name, Instant now) {
        return find(name, now).orElseThrow(() -> Messages.streamNotFound(name.value(), account));
    }

    /**
     * The same incarnation of {@code stream} as at {@code now} (its latest version), for a caller that holds an
     * older one.
     *
     * @throws dev.runnel.core.error.ResourceNotFoundException when it was deleted (and perhaps re-created)
     */
    public Stream latest(Stream stream, Instant now) {
        return find(stream.name(), now)
                .filter(latest -> latest.incarnation() == stream.incarnation())
                .orElseThrow(() -> Messages.streamNotFound(stream.name().value(), account));
    }

    /**
     * As {@link #require}, for a change that needs the stream ACTIVE.
     *
     * @throws dev.runnel.core.error.ResourceInUseException when it is CREATING, UPDATING or DELETING
     */
    public Stream requireActive(StreamName name, Instant now) {
        return active(require(name, now), now);
    }

    /** The stream if it is ACTIVE at {@code now}; otherwise ResourceInUseException, in AWS's words. */
    public Stream active(Stream stream, Instant now) {
        StreamStatus status = stream.statusAt(now);
        if (status != StreamStatus.ACTIVE) {
            throw Messages.streamNotActive(stream.name().value(), account, status.name());
        }
        return stream;
    }

    /**
     * The log of a shard of {@code stream}.
     *
     * @throws dev.runnel.core.error.ResourceNotFoundException when the stream was deleted meanwhile (its logs
     *     were dropped)
     */
    public ShardLog log(Stream stream, ShardId shard) {
        return logs.find(stream.incarnation(), shard).orElseThrow(() -> notFound(stream));
    }

    /** What a call on a stream that is not there (any more) answers. */
    public ResourceNotFoundException notFound(Stream stream) {
        return Messages.streamNotFound(stream.name().value(), account);
    }

    public String account() {
        return account;
    }
}
