package dev.runnel.storage.memory;

import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.storage.StreamCatalog;
import dev.runnel.storage.StreamPages;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The default {@link StreamCatalog}: a concurrent sorted map from name to stream. Thread-safe, lock-free. */
public final class InMemoryStreamCatalog implements StreamCatalog {

    private final ConcurrentSkipListMap<StreamName, Stream> streams = new ConcurrentSkipListMap<>();

    @Override
    public Optional<Stream> find(StreamName name) {
        return Optional.ofNullable(streams.get(name));
    }

    @Override
    public boolean add(Stream stream) {
        return streams.putIfAbsent(stream.name(), stream) == null;
    }

    @Override
    public boolean replace(Stream expected, Stream updated) {
        if (!expected.name().equals(updated.name())) {
            throw new IllegalArgumentException("a stream cannot be renamed");
        }
        // Streams are compared by identity: each version is a distinct immutable object.
        return streams.replace(expected.name(), expected, updated);
    }

    @Override
    public boolean remove(Stream expected) {
        return streams.remove(expected.name(), expected);
    }

    @Override
    public List<Stream> list(StreamName exclusiveStart, int limit) {
        return StreamPages.page(streams, exclusiveStart, limit);
    }

    @Override
    public List<Stream> all() {
        return List.copyOf(streams.values());
    }
}
