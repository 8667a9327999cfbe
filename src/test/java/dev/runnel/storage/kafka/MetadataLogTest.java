package dev.runnel.storage.kafka;

import static dev.runnel.storage.kafka.MetadataTestNodes.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.ServiceUnavailableException;
import dev.runnel.storage.kafka.MetadataLog.Entry;
import dev.runnel.storage.kafka.MetadataLog.Outcome;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetadataLogTest {

    private final MetadataTestNodes nodes = new MetadataTestNodes();
    private final ExecutorService pool = Executors.newFixedThreadPool(6);

    @AfterEach
    void close() throws Exception {
        pool.shutdownNow();
        nodes.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ofTwoRacingProposalsExactlyOneWinsAndBothNodesHoldIt() throws Exception {
        String prefix = TestBroker.uniquePrefix();
        MetadataLog a = nodes.start(prefix);
        MetadataLog b = nodes.start(prefix);

        // Racing creates of one key.
        List<Outcome> creates = race(
                () -> a.propose("k", MetadataLog.ABSENT, bytes("from a")),
                () -> b.propose("k", MetadataLog.ABSENT, bytes("from b")));
        assertThat(creates).filteredOn(Outcome::accepted).hasSize(1);
        Outcome created = creates.stream().filter(Outcome::accepted).findFirst().orElseThrow();
        Outcome refused =
                creates.stream().filter(o -> !o.accepted()).findFirst().orElseThrow();
        assertThat(refused.revision())
                .as("the loser learns the winner's revision")
                .isEqualTo(created.revision());

        // Racing updates from the same revision.
        List<Outcome> updates = race(
                () -> a.propose("k", created.revision(), bytes("a2")),
                () -> b.propose("k", created.revision(), bytes("b2")));
        assertThat(updates).filteredOn(Outcome::accepted).hasSize(1);
        int winner = updates.get(0).accepted() ? 0 : 1;
        long revision = updates.get(winner).revision();
        assertThat(revision).isGreaterThan(created.revision());
        for (MetadataLog node : List.of(a, b)) {
            assertThat(node.get("k").orElseThrow().revision())
                    .as("both proposers read the winner without a barrier")
                    .isEqualTo(revision);
        }

        a.barrier();
        b.barrier();
        for (MetadataLog node : List.of(a, b)) {
            Entry entry = node.get("k").orElseThrow();
            assertThat(entry.revision()).isEqualTo(revision);
            assertThat(new String(entry.value(), StandardCharsets.UTF_8)).isEqualTo(winner == 0 ? "a2" : "b2");
        }

        // Delete, then create again: the new revision is new (no ABA), an old expected revision stays refused.
        assertThat(a.propose("k", revision, null).accepted()).isTrue();
        assertThat(a.get("k")).as("read your writes").isEmpty();
        Outcome again = b.propose("k", MetadataLog.ABSENT, bytes("again"));
        assertThat(again.accepted()).isTrue();
        assertThat(again.revision()).isGreaterThan(revision);
        assertThat(a.propose("k", revision, bytes("stale"))).isEqualTo(new Outcome(false, again.revision()));
        assertThat(a.propose("gone", 5, null)).isEqualTo(new Outcome(false, MetadataLog.ABSENT));
    }

    @Test
    void concurrentCompareAndSetsFormOneChainPerKeyAndEveryNodeConverges() throws Exception {
        String prefix = TestBroker.uniquePrefix();
        List<MetadataLog> both = List.of(nodes.start(prefix), nodes.start(prefix));
        List<Op> accepted = new CopyOnWriteArrayList<>();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Random random = new Random(t);
            MetadataLog node = both.get(t % 2);
            workers.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    String key = "key/" + random.nextInt(4);
                    int kind = random.nextInt(10);
                    long expected = kind == 0
                            ? MetadataLog.ANY
                            : node.get(key).map(Entry::revision).orElse(MetadataLog.ABSENT);
                    byte[] value =
                            kind == 1 ? null : bytes(Thread.currentThread().getName() + "#" + i);
                    Outcome outcome = node.propose(key, expected, value);
                    if (outcome.accepted()) {
                        accepted.add(new Op(key, expected, outcome.revision(), value));
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }

        // Replay the accepted changes in revision order: each must have expected exactly what the previous left.
        Map<String, Entry> model = new TreeMap<>();
        List<Op> ordered = new ArrayList<>(accepted);
        ordered.sort(Comparator.comparingLong(Op::revision));
        for (Op op : ordered) {
            Entry before = model.get(op.key());
            long current = before == null ? MetadataLog.ABSENT : before.revision();
            if (op.expected() != MetadataLog.ANY) {
                assertThat(op.expected())
                        .as("%s expected what the chain had", op)
                        .isEqualTo(current);
            }
            if (op.value() == null) {
                model.remove(op.key());
            } else {
                model.put(op.key(), new Entry(op.key(), op.revision(), op.value()));
            }
        }
        assertThat(accepted).hasSizeGreaterThan(10);
        assertThat(ordered).extracting(Op::revision).doesNotHaveDuplicates();

        for (MetadataLog node : both) {
            node.barrier();
            assertThat(node.range("key/")).isEqualTo(model);
        }
        MetadataLog late = nodes.start(prefix);
        assertThat(late.range(""))
                .as("a node started later reads the state from the topic")
                .isEqualTo(model);
    }

    @Test
    void whenTheArbiterLeavesAnotherNodeTakesOverAndDecides() throws Exception {
        String prefix = TestBroker.uniquePrefix();
        MetadataLog a = nodes.start(prefix);
        MetadataLog b = nodes.start(prefix);
        assertThat(eventually(() -> a.isArbiter() ^ b.isArbiter())).isTrue();
        assertThat(eventually(() -> a.liveNodes() == 2 && b.liveNodes() == 2)).isTrue();
        Outcome first = a.propose("x", MetadataLog.ABSENT, bytes("1"));
        assertThat(first.accepted()).isTrue();

        MetadataLog arbiter = a.isArbiter() ? a : b;
        MetadataLog survivor = arbiter == a ? b : a;
        arbiter.close();
        assertThat(eventually(survivor::isArbiter)).isTrue();
        survivor.barrier();
        Outcome second = survivor.propose("x", first.revision(), bytes("2"));
        assertThat(second.accepted()).isTrue();
        assertThat(survivor.propose("x", first.revision(), bytes("3")).accepted())
                .isFalse();
        assertThat(new String(survivor.get("x").orElseThrow().value(), StandardCharsets.UTF_8))
                .isEqualTo("2");
        assertThat(eventually(() -> survivor.liveNodes() == 1)).isTrue();
    }

    @Test
    void aTransactionLeftOpenByADeadArbiterIsAbortedAndNeverSeen() throws Exception {
        String prefix = TestBroker.uniquePrefix();
        MetadataLog a = nodes.start(prefix);
        Outcome first = a.propose("k", MetadataLog.ABSENT, bytes("v1"));
        assertThat(first.accepted()).isTrue();

        // A rival arbiter fences this one, writes half a batch and dies without committing or aborting.
        KafkaOptions options = TestBroker.shared().options(prefix);
        try (KafkaClients rival = new KafkaClients(options, "rival")) {
            KafkaProducer<byte[], byte[]> zombie =
                    rival.producer("zombie", Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, rival.topic("arbiter")));
            zombie.initTransactions();
            zombie.beginTransaction();
            RecordHeaders headers = new RecordHeaders();
            headers.add(MetadataCodec.REVISION_HEADER, MetadataCodec.revision(Long.MAX_VALUE - 1));
            zombie.send(new ProducerRecord<>(rival.topic("state"), 0, null, bytes("k"), bytes("bogus"), headers))
                    .get(10, TimeUnit.SECONDS);
            zombie.close(Duration.ZERO); // forced: no abort on the way out, as if the process died
        }
        assertThat(a.get("k").orElseThrow().revision())
                .as("the open transaction is not read")
                .isEqualTo(first.revision());

        // The fenced arbiter resigns, takes over again (aborting the open transaction) and decides.
        Outcome second = a.propose("k", first.revision(), bytes("v2"));
        assertThat(second.accepted()).isTrue();
        assertThat(new String(a.get("k").orElseThrow().value(), StandardCharsets.UTF_8))
                .isEqualTo("v2");
        MetadataLog b = nodes.start(prefix);
        assertThat(b.get("k")).hasValue(new Entry("k", second.revision(), bytes("v2")));
    }

    @Test
    void anUnreachableClusterIsServiceUnavailable() throws Exception {
        TestBroker broker = TestBroker.start();
        try {
            KafkaOptions options = new KafkaOptions(
                    broker.bootstrapServers(),
                    "p.",
                    (short) 1,
                    Duration.ofMillis(1500),
                    Duration.ofMillis(1000),
                    Map.of());
            MetadataLog node = nodes.start(options);
            assertThat(node.propose("k", MetadataLog.ABSENT, bytes("v")).accepted())
                    .isTrue();
            broker.close();
            assertThatThrownBy(() -> node.propose("k", MetadataLog.ANY, bytes("w")))
                    .isInstanceOf(ServiceUnavailableException.class);
            assertThatThrownBy(node::barrier).isInstanceOf(ServiceUnavailableException.class);
            assertThat(node.get("k")).as("the view still answers").isPresent();
        } finally {
            if (broker.isAlive()) {
                broker.close();
            }
        }

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaOptions nowhere = new KafkaOptions(
                "127.0.0.1:" + closedPort, "x.", (short) 1, Duration.ofMillis(1500), Duration.ofMillis(1000), Map.of());
        assertThatThrownBy(() -> nodes.start(nowhere)).isInstanceOf(ServiceUnavailableException.class);
    }

    private List<Outcome> race(Callable<Outcome> first, Callable<Outcome> second) throws Exception {
        Future<Outcome> one = pool.submit(first);
        Future<Outcome> two = pool.submit(second);
        return List.of(one.get(30, TimeUnit.SECONDS), two.get(30, TimeUnit.SECONDS));
    }

    private record Op(String key, long expected, long revision, byte[] value) {
        @Override
        public String toString() {
            return key + " expected " + expected + " → " + revision + (value == null ? " (delete)" : "");
        }
    }
}
