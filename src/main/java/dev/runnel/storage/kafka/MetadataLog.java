package dev.runnel.storage.kafka;

import dev.runnel.core.error.ServiceUnavailableException;
import dev.runnel.storage.kafka.MetadataCodec.Decision;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * A replicated compare-and-set map of metadata (streams, account settings) shared by every Runnel node on one Kafka
 * cluster and topic prefix. Each node holds one; all of them converge on the same entries, and every change is
 * linearizable: of two changes racing from the same revision of a key, exactly one is accepted.
 *
 * <p><b>Protocol.</b> Three single-partition topics and one consumer group (see {@link MetadataTopics}):
 *
 * <ol>
 *   <li><i>Proposal.</i> {@link #propose} appends {@code (key, expected revision, new value)} under a fresh proposal id
 *       to the proposals topic with an idempotent producer, then waits for the decision of that id.
 *   <li><i>Decision.</i> Every node's log is a member of the consumer group {@code <prefix>arbiter} on the proposals
 *       topic; Kafka's group protocol gives its one partition to one member, the <i>arbiter</i>. The arbiter reads
 *       proposals in log order and decides each against its copy of the state (the committed state plus its own
 *       decisions so far): accepted iff the key's current revision is the expected one ({@link #ABSENT}: the key is
 *       missing; {@link #ANY}: always). For each batch it writes, in <i>one Kafka transaction</i>, the state record of
 *       every accepted change, a decision record for every proposal, a marker naming the last proposal decided, and
 *       the group's consumed offset. The revision of an accepted change is its proposal's offset: unique and
 *       increasing forever, so a key deleted and created again never shows an old revision again (no ABA).
 *   <li><i>State.</i> Every node reads the compacted state topic from its beginning (read-committed) into its view, and
 *       the decisions topic from its end at start-up; a proposer learns its decision there and waits until its view
 *       has applied every decision up to its own (the arbiter's marker carries that offset), so a node reads its own
 *       writes, and a refused proposer reads the change that beat it.
 * </ol>
 *
 * <p><b>Why exactly one of two racing proposals wins.</b> Both name the same expected revision r. They are totally
 * ordered in the one proposals partition, and one arbiter decides them in that order: the first finds r and is
 * accepted, changing the key's revision to its own offset; the second then finds that offset, not r, and is refused
 * with it. Every node applies the same committed state records in the same order, so all views converge.
 *
 * <p><b>Failover.</b> When the arbiter stops (its node closes, or it misses the session timeout), the group hands the
 * partition to another member. That one first calls {@code initTransactions} with the shared transactional id, which
 * fences the old arbiter (its later writes and commits fail) and aborts any transaction it left open; then it reads
 * the state to its end and resumes at the committed offset. A batch whose transaction was aborted is decided again,
 * in the same order against the same state, so it gets the same decisions, and nobody saw the aborted ones
 * (read-committed). Proposals up to the marker are never decided twice, even if the group's offset was lost.
 *
 * <p><b>Thread-safety and blocking.</b> Thread-safe. {@link #get} and {@link #range} answer from this node's view
 * without a round trip; they may trail other nodes by milliseconds. {@link #barrier} blocks for at most the request
 * timeout; {@link #propose} for at most the request timeout to send, then the request timeout plus the session timeout
 * (time for a failover) for the decision. Both throw {@link ServiceUnavailableException} when Kafka did not answer in
 * time. Keys starting with NUL are reserved. Two daemon threads (the state follower and the arbiter) run until {@link
 * #close}; the {@link KafkaClients} stay open, they belong to the caller.
 */
public final class MetadataLog implements AutoCloseable {

    /** The expected revision of a key that must not exist. */
    public static final long ABSENT = -1;

    /** The expected revision of an unconditional write. */
    public static final long ANY = -2;

    /** A key's committed value and its revision (the offset of the proposal that wrote it). */
    public record Entry(String key, long revision, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && key.equals(e.key) && revision == e.revision && Arrays.equals(value, e.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, revision, Arrays.hashCode(value));
        }

        @Override
        public String toString() {
            return "Entry[" + key + "@" + revision + ", " + (value == null ? "deleted" : value.length + " bytes") + "]";
        }
    }

    /**
     * How a proposal was decided.
     *
     * @param accepted whether the change was made
     * @param revision the change's revision when accepted; otherwise the key's revision the arbiter found ({@link
     *     #ABSENT} when missing)
     */
    public record Outcome(boolean accepted, long revision) {}

    private final KafkaClients clients;
    private final StateView view = new StateView();
    private final TopicPartition state;
    private final String proposals;
    private final ClusterMembers members;
    private final CoalescedBarrier barriers = new CoalescedBarrier(this::catchUp);
    private StateEnd stateEnd;
    private StateFollower follower;
    private KafkaProducer<byte[], byte[]> proposer;
    private MetadataArbiter arbiter;
    private boolean closed;

    private MetadataLog(KafkaClients clients) {
        this.clients = clients;
        this.state = new TopicPartition(clients.topic(MetadataTopics.STATE), 0);
        this.proposals = clients.topic(MetadataTopics.PROPOSALS);
        this.members = new ClusterMembers(clients);
    }

    /**
     * Creates the missing metadata topics, reads the whole state, and joins the arbiter election. Blocks for a few
     * request timeouts at most.
     *
     * @throws ServiceUnavailableException when Kafka did not answer in time
     */
    public static MetadataLog start(KafkaClients clients) {
        MetadataTopics.createMissing(clients);
        MetadataLog log = new MetadataLog(clients);
        try {
            log.stateEnd = new StateEnd(clients, log.state);
            log.follower = new StateFollower(clients, log.view);
            log.proposer = clients.producer("metadata-proposer", Map.of());
            log.barrier();
            log.arbiter = new MetadataArbiter(clients, log.view, log::barrier);
            log.members.count(); // the first count, in the background
            return log;
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** The key's entry in this node's view (no round trip; may trail other nodes by milliseconds). */
    public Optional<Entry> get(String key) {
        return view.get(key);
    }

    /** The entries of this node's view whose keys start with {@code prefix}, in key order; a snapshot. */
    public SortedMap<String, Entry> range(String prefix) {
        return view.range(prefix);
    }

    /**
     * Waits until this node's view includes every change committed before the call began: reads the state topic's
     * last stable offset and waits until the view has applied up to it. Concurrent callers share one such round trip
     * ({@link CoalescedBarrier}), so a barrier per append costs the node about one round trip at a time.
     *
     * @throws ServiceUnavailableException when that took longer than the request timeout
     */
    public void barrier() {
        barriers.await();
    }

    /** One barrier round: the end of the committed state, then the view's wait to reach it. */
    private void catchUp() {
        long deadline = System.nanoTime() + clients.requestTimeout().toNanos();
        long end = stateEnd.offset();
        try {
            if (view.awaitPosition(end, deadline)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KafkaClients.unavailable("catching up with the metadata state", e);
        }
        throw KafkaClients.unavailable("catching up with the metadata state (up to offset " + end + ")", null);
    }

    /**
     * Proposes a change of one key and waits for its decision, then until this node's view includes every decision up
     * to this one: a proposer reads its own accepted change, or the change that made its proposal refused.
     *
     * @param expectedRevision the key's current revision, {@link #ABSENT} (it must be missing) or {@link #ANY}
     * @param valueOrNullToDelete the new value, or null to delete the key
     * @throws ServiceUnavailableException when the proposal could not be sent or its decision did not come in time:
     *     the outcome is then unknown (the change may still be accepted later); read the key to find out
     * @throws IllegalArgumentException for a reserved key (starting with NUL) or an impossible expected revision
     */
    public Outcome propose(String key, long expectedRevision, byte[] valueOrNullToDelete) {
        if (key.startsWith("\u0000") || expectedRevision < ANY) {
            throw new IllegalArgumentException("cannot propose " + key + " at revision " + expectedRevision);
        }
        String id = UUID.randomUUID().toString();
        CompletableFuture<Decision> decided = follower.expect(id);
        String what = "a change of metadata key " + key;
        try {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                    proposals,
                    0,
                    MetadataCodec.utf8(id),
                    MetadataCodec.proposal(key, expectedRevision, valueOrNullToDelete));
            long offset =
                    clients.await(proposer.send(record), "proposing " + what).offset();
            Duration wait = clients.requestTimeout().plus(clients.settings().sessionTimeout());
            long deadline = System.nanoTime() + wait.toNanos();
            Decision decision = decided.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            // Everything decided up to this proposal, so a refused proposer reads the change that beat it.
            if (!view.awaitRevision(offset, deadline)) {
                throw KafkaClients.unavailable(
                        "applying the " + (decision.accepted() ? "accepted " : "refused ") + what, null);
            }
            return new Outcome(decision.accepted(), decision.revision());
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            throw KafkaClients.unavailable("deciding " + what + " (its outcome is unknown)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KafkaClients.unavailable("deciding " + what + " (its outcome is unknown)", e);
        } catch (KafkaException e) {
            throw KafkaClients.unavailable("proposing " + what, e);
        } finally {
            follower.forget(id);
        }
    }

    /** Whether this node is the arbiter now. Cheap. */
    public boolean isArbiter() {
        return arbiter != null && arbiter.isArbiter();
    }

    /**
     * The nodes sharing the metadata (members of the arbiter group), at least 1. Never blocks: counted in the background
     * every few seconds, so it may trail a node joining or leaving by that long (by the session timeout for a node
     * that stopped without leaving); while Kafka does not answer, the last count stands.
     */
    public int liveNodes() {
        return members.count();
    }

    /**
     * Leaves the arbiter election (another node takes over at once), stops both threads and closes the clients it made;
     * blocks for a few seconds at most. Idempotent. Proposals still waiting end in ServiceUnavailable.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (arbiter != null) {
            arbiter.close();
        }
        if (follower != null) {
            follower.close();
        }
        if (proposer != null) {
            proposer.close(Duration.ofSeconds(1));
        }
        if (stateEnd != null) {
            stateEnd.close();
        }
    }
}
