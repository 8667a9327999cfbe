package dev.runnel.storage.kafka;

import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.storage.StreamCatalog;
import dev.runnel.storage.StreamPages;
import dev.runnel.storage.document.StreamFormatException;
import dev.runnel.storage.document.StreamJson;
import dev.runnel.storage.kafka.MetadataLog.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StreamCatalog} shared by every node of a cluster: each stream is one entry of the {@link MetadataLog},
 * under the key {@code stream/<region>/<name>}, its value the stream's {@link StreamJson} document. Changes are the
 * log's compare-and-set on the entry's revision, so of two nodes racing to create a name or to replace the same
 * version, exactly one wins.
 *
 * <p><b>Reads.</b> {@link #find} answers from this node's view, which may trail another node by milliseconds; a miss
 * is confirmed with a barrier, so a stream created on any node before the call is found. {@link #list} and {@link
 * #all} take a barrier first. Decoded streams are cached per revision, so a find parses no JSON unless the stream
 * changed. A document that cannot be decoded is logged at ERROR once per revision and reads as no stream.
 *
 * <p><b>Writes.</b> {@link #replace} and {@link #remove} match the expected stream by incarnation and version against
 * the stored one (after a barrier when this node's view differs), then propose against that entry's revision.
 *
 * <p>Thread-safe. Methods that change, list or miss may block on Kafka for about the request timeout (a proposal: see
 * {@link MetadataLog#propose}) and then throw {@link dev.runnel.core.error.ServiceUnavailableException}; a change that
 * timed out may still have been made.
 */
public final class KafkaStreamCatalog implements StreamCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamCatalog.class);
    private static final String PREFIX = "stream/";

    private record Decoded(long revision, Stream stream) {}

    private final MetadataLog log;
    private final String prefix;
    private final Map<String, Decoded> decoded = new ConcurrentHashMap<>();

    /**
     * @param log this node's metadata log
     * @param region the region whose streams this catalog holds (part of every key)
     */
    public KafkaStreamCatalog(MetadataLog log, String region) {
        this.log = log;
        this.prefix = PREFIX + region + "/";
    }

    /** The regions that hold at least one stream, as this node's view of the metadata log has them. */
    public static Set<String> regions(MetadataLog log) {
        Set<String> regions = new TreeSet<>();
        for (String key : log.range(PREFIX).keySet()) {
            int slash = key.indexOf('/', PREFIX.length());
            if (slash > 0) {
                regions.add(key.substring(PREFIX.length(), slash));
            }
        }
        return regions;
    }

    @Override
    public Optional<Stream> find(StreamName name) {
        String key = key(name);
        Optional<Stream> stream = local(key);
        if (stream.isEmpty()) {
            log.barrier();
            stream = local(key);
        }
        return stream;
    }

    @Override
    public boolean add(Stream stream) {
        String key = key(stream.name());
        byte[] document = StreamJson.write(stream);
        MetadataLog.Outcome outcome = log.propose(key, MetadataLog.ABSENT, document);
        if (outcome.accepted()) {
            return true;
        }
        // Refused: the view now holds the entry that is in the way; an unreadable one counts as no stream.
        Entry entry = log.get(key).orElse(null);
        return entry != null
                && entry.revision() == outcome.revision()
                && decode(entry) == null
                && log.propose(key, entry.revision(), document).accepted();
    }

    @Override
    public boolean replace(Stream expected, Stream updated) {
        if (!expected.name().equals(updated.name())) {
            throw new IllegalArgumentException("a stream cannot be renamed");
        }
        Entry stored = stored(expected);
        return stored != null
                && log.propose(stored.key(), stored.revision(), StreamJson.write(updated))
                        .accepted();
    }

    @Override
    public boolean remove(Stream expected) {
        Entry stored = stored(expected);
        return stored != null
                && log.propose(stored.key(), stored.revision(), null).accepted();
    }

    @Override
    public List<Stream> list(StreamName exclusiveStart, int limit) {
        TreeMap<StreamName, Stream> streams = new TreeMap<>();
        all().forEach(stream -> streams.put(stream.name(), stream));
        return StreamPages.page(streams, exclusiveStart, limit);
    }

    @Override
    public List<Stream> all() {
        log.barrier();
        SortedMap<String, Entry> entries = log.range(prefix);
        decoded.keySet().retainAll(entries.keySet()); // forget streams removed elsewhere
        List<Stream> streams = new ArrayList<>();
        for (Entry entry : entries.values()) {
            Stream stream = decode(entry);
            if (stream != null) {
                streams.add(stream);
            }
        }
        return streams;
    }

    /** The entry holding {@code expected}'s incarnation and version, or null when the stored stream is another. */
    private Entry stored(Stream expected) {
        String key = key(expected.name());
        Entry entry = matching(key, expected);
        if (entry == null) {
            log.barrier();
            entry = matching(key, expected);
        }
        return entry;
    }

    private Entry matching(String key, Stream expected) {
        Entry entry = log.get(key).orElse(null);
        Stream stream = entry == null ? null : decode(entry);
        return stream != null
                        && stream.incarnation() == expected.incarnation()
                        && stream.version() == expected.version()
                ? entry
                : null;
    }

    private Optional<Stream> local(String key) {
        Optional<Entry> entry = log.get(key);
        if (entry.isEmpty()) {
            decoded.remove(key);
            return Optional.empty();
        }
        return Optional.ofNullable(decode(entry.get()));
    }

    /** The entry's stream, decoded once per revision; null when its document is unreadable. */
    private Stream decode(Entry entry) {
        Decoded cached = decoded.get(entry.key());
        if (cached != null && cached.revision() == entry.revision()) {
            return cached.stream();
        }
        Stream stream = null;
        try {
            stream = StreamJson.read(entry.value());
        } catch (StreamFormatException e) {
            LOG.error(
                    "Metadata entry {} (revision {}) is not a readable stream document; treating it as no stream: {}",
                    entry.key(),
                    entry.revision(),
                    e.getMessage());
        }
        decoded.put(entry.key(), new Decoded(entry.revision(), stream));
        return stream;
    }

    private String key(StreamName name) {
        return prefix + name.value();
    }
}
