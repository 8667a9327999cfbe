package dev.runnel.storage.kafka;

import dev.runnel.core.error.ServiceUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ShardLogStates} every node of a Kafka cluster shares: each log's state is one entry of the {@link
 * MetadataLog} under {@code seal/<incarnation>/<shard>}, changed only by compare-and-set on its revision, so the
 * protocol's decisions (sealing, the sealed end, the reopening with its hidden range) are linearizable; a dropped
 * incarnation is one entry {@code dropped/<incarnation>}, and its shards' entries are deleted with it.
 *
 * <p>Thread-safe; each method blocks for at most a few of the metadata log's round trips.
 */
public final class KafkaShardLogStates implements ShardLogStates {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaShardLogStates.class);
    private static final int MAX_ATTEMPTS = 50;

    private final MetadataLog metadata;

    public KafkaShardLogStates(MetadataLog metadata) {
        this.metadata = metadata;
    }

    @Override
    public State current(long incarnation, int shard) {
        if (metadata.get(droppedKey(incarnation)).isPresent()) {
            return new State(false, -1, List.of(), true);
        }
        return metadata.get(key(incarnation, shard)).map(e -> decode(e.value())).orElse(State.OPEN);
    }

    /** Every append asks this after Kafka acknowledged it: concurrent appends share the metadata log's barriers. */
    @Override
    public State fresh(long incarnation, int shard) {
        metadata.barrier();
        return current(incarnation, shard);
    }

    @Override
    public long seal(long incarnation, int shard, LongSupplier endOffset) {
        String key = key(incarnation, shard);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            metadata.barrier();
            Optional<MetadataLog.Entry> entry = metadata.get(key);
            State state = entry.map(e -> decode(e.value())).orElse(State.OPEN);
            long revision = entry.map(MetadataLog.Entry::revision).orElse(MetadataLog.ABSENT);
            if (state.dropped() || current(incarnation, shard).dropped()) {
                return Math.max(0, state.sealedEnd());
            }
            if (state.isSealed()) {
                return state.sealedEnd();
            }
            if (!state.sealing()) {
                State sealing = new State(true, -1, state.hidden(), false);
                MetadataLog.Outcome decided = metadata.propose(key, revision, encode(sealing));
                if (!decided.accepted()) {
                    continue;
                }
                revision = decided.revision();
                state = sealing;
            }
            // Only now, after the sealing was decided, is the partition's end a safe sealed end (see ShardLogStates).
            long end = endOffset.getAsLong();
            State sealed = new State(true, end, state.hidden(), false);
            if (metadata.propose(key, revision, encode(sealed)).accepted()) {
                return end;
            }
        }
        throw contended("sealing", incarnation, shard);
    }

    @Override
    public void unseal(long incarnation, int shard, LongSupplier endOffset) {
        String key = key(incarnation, shard);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            metadata.barrier();
            Optional<MetadataLog.Entry> entry = metadata.get(key);
            State state = entry.map(e -> decode(e.value())).orElse(State.OPEN);
            if (!state.sealing()
                    || state.dropped()
                    || current(incarnation, shard).dropped()) {
                return;
            }
            if (!state.isSealed()) {
                seal(incarnation, shard, endOffset);
                continue;
            }
            long until = endOffset.getAsLong();
            List<Hidden> hidden = new ArrayList<>(state.hidden());
            if (until > state.sealedEnd()) {
                hidden.add(new Hidden(state.sealedEnd(), until));
            }
            State open = new State(false, -1, hidden, false);
            if (metadata.propose(key, entry.get().revision(), encode(open)).accepted()) {
                return;
            }
        }
        throw contended("unsealing", incarnation, shard);
    }

    @Override
    public void drop(long incarnation, int shard) {
        metadata.propose(key(incarnation, shard), MetadataLog.ANY, encode(new State(false, -1, List.of(), true)));
    }

    @Override
    public void dropAll(long incarnation) {
        metadata.propose(droppedKey(incarnation), MetadataLog.ANY, new byte[] {1});
        for (String key : metadata.range(prefix(incarnation)).keySet()) {
            metadata.propose(key, MetadataLog.ANY, null);
        }
    }

    private static ServiceUnavailableException contended(String what, long incarnation, int shard) {
        return new ServiceUnavailableException("Gave up " + what + " shard " + shard + " of stream incarnation "
                + Long.toUnsignedString(incarnation) + ": its state kept changing under other nodes' changes");
    }

    private static String prefix(long incarnation) {
        return "seal/" + Long.toUnsignedString(incarnation) + "/";
    }

    private static String key(long incarnation, int shard) {
        return prefix(incarnation) + shard;
    }

    private static String droppedKey(long incarnation) {
        return "dropped/" + Long.toUnsignedString(incarnation);
    }

    /** {@code <sealing 0|1> <sealed end> <dropped 0|1> [from-to,...]}, e.g. {@code 1 1200 0 900-1000}. */
    static byte[] encode(State state) {
        StringBuilder text = new StringBuilder()
                .append(state.sealing() ? 1 : 0)
                .append(' ')
                .append(state.sealedEnd())
                .append(' ')
                .append(state.dropped() ? 1 : 0)
                .append(' ');
        for (int i = 0; i < state.hidden().size(); i++) {
            Hidden h = state.hidden().get(i);
            text.append(i == 0 ? "" : ",").append(h.from()).append('-').append(h.to());
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static State decode(byte[] value) {
        try {
            String[] fields = new String(value, StandardCharsets.US_ASCII).split(" ", -1);
            List<Hidden> hidden = new ArrayList<>();
            if (fields.length > 3 && !fields[3].isEmpty()) {
                for (String range : fields[3].split(",")) {
                    int dash = range.indexOf('-');
                    hidden.add(new Hidden(
                            Long.parseLong(range.substring(0, dash)), Long.parseLong(range.substring(dash + 1))));
                }
            }
            return new State(fields[0].equals("1"), Long.parseLong(fields[1]), hidden, fields[2].equals("1"));
        } catch (RuntimeException e) {
            // Not written by this class: a log whose state cannot be read takes nothing rather than risk a loss.
            LOG.error("Unreadable shard-log state {}; treating the log as sealed at 0", new String(value), e);
            return new State(true, 0, List.of(), false);
        }
    }
}
