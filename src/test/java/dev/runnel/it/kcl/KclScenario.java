package dev.runnel.it.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.metricsink.MetricSink;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A KCL application end to end against Runnel alone (Kinesis, the lease table in its DynamoDB subset, and its
 * CloudWatch sink), with real KCL workers in child JVMs ({@link KclWorker}); one subclass per KCL version and
 * retrieval mode. 1,000 records go into a 2-shard stream in phases while the membership changes:
 *
 * <ol>
 *   <li>worker A alone: 250 records;
 *   <li>100 records, a split of shard 0 at its midpoint while A reads, 150 more (to the children): a child's
 *       records are processed only after its parent's last one, and the parent's lease ends at SHARD_END;
 *   <li>worker B joins; the leases rebalance so that both hold some; 200 records;
 *   <li>worker A stops (gracefully, or SIGKILL in {@link #killWorkerA()} variants); B takes over A's leases;
 *       300 records, all processed by B.
 * </ol>
 *
 * Every record is processed exactly once (count, set and checksum of payloads; each at the shard and sequence
 * number PutRecords gave it), and the lease table holds SHARD_END for the parent and the last put sequence
 * number for every open shard. KCL is at-least-once in general; membership changes only when the workers are
 * caught up (every record so far processed and checkpointed), which makes exactly-once deterministic here.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "runnel.streams.create-delay=100ms",
            "runnel.streams.delete-delay=100ms",
            "runnel.streams.update-delay=100ms",
            "runnel.fan-out.create-delay=100ms",
            "runnel.fan-out.delete-delay=100ms",
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KclScenario {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final Duration MEMBERSHIP = Duration.ofSeconds(60);
    private static final String SHARD_END = "SHARD_END";

    @LocalServerPort
    int port;

    @Autowired
    MetricSink metrics;

    private KinesisClient kinesis;
    private DynamoDbClient dynamo;
    private final List<KclWorkerProcess> workers = new ArrayList<>();
    /** Put records by payload, in put order. */
    private final Map<String, Put> puts = new LinkedHashMap<>();

    private String stream;
    private Path dir;
    private long started;

    record Put(String payload, String partitionKey, String shardId, BigInteger sequenceNumber) {}

    abstract int kclVersion();

    abstract boolean fanOut();

    /** Whether worker A is stopped with SIGKILL rather than gracefully. */
    abstract boolean killWorkerA();

    @BeforeAll
    void clients() {
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret"));
        kinesis = KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        dynamo = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        String mode = fanOut() ? "fanout" : "polling";
        stream = "kcl" + kclVersion() + "-" + mode + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        dir = Path.of("target", "kcl", getClass().getSimpleName());
    }

    @AfterAll
    void stopWorkers() throws Exception {
        for (KclWorkerProcess worker : workers) {
            worker.close();
        }
        kinesis.close();
        dynamo.close();
    }

    @Test
    @Timeout(300)
    void everyRecordOnceThroughSplitRebalanceAndFailover() throws Exception {
        started = System.nanoTime();
        kinesis.createStream(b -> b.streamName(stream).shardCount(2));
        awaitActive();

        KclWorkerProcess a = startWorker("A");
        put(1, 250);
        awaitCaughtUp(START);
        note("A processed the first 250 records");

        put(251, 100);
        String parent = "shardId-000000000000";
        Shard parentShard = kinesis.listShards(b -> b.streamName(stream)).shards().stream()
                .filter(s -> s.shardId().equals(parent))
                .findFirst()
                .orElseThrow();
        BigInteger start = new BigInteger(parentShard.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(parentShard.hashKeyRange().endingHashKey());
        kinesis.splitShard(b -> b.streamName(stream)
                .shardToSplit(parent)
                .newStartingHashKey(
                        start.add(end).add(BigInteger.ONE).shiftRight(1).toString()));
        awaitActive();
        put(351, 150);
        awaitCaughtUp(CATCH_UP);
        await(
                "the parent shard ends (SHARD_END checkpointed)",
                MEMBERSHIP,
                () -> !journal().of("END").stream()
                        .filter(l -> l.shardId().equals(parent))
                        .toList()
                        .isEmpty());
        note("split processed");

        KclWorkerProcess b = startWorker("B");
        awaitRebalanced(a, b);
        note("rebalanced: " + owners());
        put(501, 200);
        awaitCaughtUp(CATCH_UP);
        note("A and B processed 200 more");

        if (killWorkerA()) {
            a.kill();
            note("A killed");
        } else {
            assertThat(a.stopGracefully(Duration.ofSeconds(60)))
                    .as("%s stopped", a)
                    .isTrue();
            note("A stopped gracefully");
        }
        put(701, 300);
        awaitCaughtUp(MEMBERSHIP);
        await(
                "B owns every open lease",
                MEMBERSHIP,
                () -> Set.copyOf(openLeaseOwners().values()).equals(Set.of("B")));
        note("B took over and processed the last 300");
        assertThat(b.stopGracefully(Duration.ofSeconds(60))).as("%s stopped", b).isTrue();
        note("B stopped");

        Journal journal = journal();
        assertExactlyOnce(journal);
        assertShardOrder(journal);
        assertParentBeforeChildren(journal, parent);
        assertThat(journal.records().stream()
                        .filter(l -> Integer.parseInt(l.payload().substring(4)) > 700)
                        .map(Journal.Line::worker)
                        .collect(Collectors.toSet()))
                .as("who processed the records put after A stopped")
                .containsExactly("B");
        assertCheckpoints(parent);
        assertRetrievalMode();
        assertMetrics(journal);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Steps

    private KclWorkerProcess startWorker(String name) throws Exception {
        KclWorkerProcess worker = KclWorkerProcess.start(kclVersion(), fanOut(), port, stream, stream, name, dir);
        workers.add(worker);
        note("started " + worker);
        return worker;
    }

    private void put(int first, int count) {
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            String partitionKey =
                    "pk-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
            batch.add(PutRecordsRequestEntry.builder()
                    .partitionKey(partitionKey)
                    .data(SdkBytes.fromString(String.format("rec-%05d", n), StandardCharsets.UTF_8))
                    .build());
            if (batch.size() == 50 || n == first + count - 1) {
                PutRecordsResponse response =
                        kinesis.putRecords(r -> r.streamName(stream).records(List.copyOf(batch)));
                assertThat(response.failedRecordCount()).isZero();
                for (int i = 0; i < batch.size(); i++) {
                    PutRecordsResultEntry result = response.records().get(i);
                    String payload = batch.get(i).data().asUtf8String();
                    puts.put(
                            payload,
                            new Put(
                                    payload,
                                    batch.get(i).partitionKey(),
                                    result.shardId(),
                                    new BigInteger(result.sequenceNumber())));
                }
                batch.clear();
            }
        }
    }

    private void awaitActive() throws InterruptedException {
        await(
                "stream " + stream + " ACTIVE",
                Duration.ofSeconds(10),
                () -> kinesis.describeStreamSummary(b -> b.streamName(stream))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }

    /** Every record put so far is in a journal, and every shard's checkpoint has reached its last record. */
    private void awaitCaughtUp(Duration timeout) throws InterruptedException {
        await("all " + puts.size() + " records processed and checkpointed", timeout, () -> {
            Journal journal = journal();
            Set<String> seen =
                    journal.records().stream().map(Journal.Line::payload).collect(Collectors.toSet());
            if (!seen.containsAll(puts.keySet())) {
                return false;
            }
            Map<String, BigInteger> checkpointed = new HashMap<>();
            for (Journal.Line line : journal.of("CKPT")) {
                checkpointed.merge(line.shardId(), line.sequenceNumber(), BigInteger::max);
            }
            return lastPutPerShard().entrySet().stream()
                    .allMatch(e -> checkpointed
                                    .getOrDefault(e.getKey(), BigInteger.ZERO)
                                    .compareTo(e.getValue())
                            >= 0);
        });
    }

    /**
     * Both workers hold leases of open shards, every lease B holds has been initialized there, and the leases
     * have not moved for a few seconds (so that no hand-over is under way when records flow again).
     */
    private void awaitRebalanced(KclWorkerProcess a, KclWorkerProcess b) throws InterruptedException {
        Map<String, String> last = new HashMap<>();
        long[] stableSince = {System.nanoTime()};
        await("leases rebalanced between A and B", MEMBERSHIP, () -> {
            Map<String, String> owners = openLeaseOwners();
            if (!owners.equals(last)) {
                last.clear();
                last.putAll(owners);
                stableSince[0] = System.nanoTime();
                return false;
            }
            if (!Set.copyOf(owners.values()).equals(Set.of(a.name, b.name))) {
                return false;
            }
            Set<String> initializedOnB = journal().of("INIT").stream()
                    .filter(l -> l.worker().equals(b.name))
                    .map(Journal.Line::shardId)
                    .collect(Collectors.toSet());
            boolean bStarted = owners.entrySet().stream()
                    .filter(e -> e.getValue().equals(b.name))
                    .allMatch(e -> initializedOnB.contains(e.getKey()));
            return bStarted
                    && System.nanoTime() - stableSince[0]
                            > Duration.ofSeconds(3).toNanos();
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Checks

    private void assertExactlyOnce(Journal journal) throws Exception {
        List<Journal.Line> records = journal.records();
        assertThat(puts).hasSize(1000);
        List<String> duplicates = records.stream()
                .collect(Collectors.groupingBy(Journal.Line::payload, Collectors.counting()))
                .entrySet()
                .stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        assertThat(duplicates).as("records processed more than once").isEmpty();
        assertThat(records).hasSize(1000);
        assertThat(checksum(records.stream().map(Journal.Line::payload).toList()))
                .as("checksum of processed payloads")
                .isEqualTo(checksum(List.copyOf(puts.keySet())));
        for (Journal.Line line : records) {
            Put put = puts.get(line.payload());
            assertThat(put).as("a record that was put: %s", line).isNotNull();
            assertThat(List.of(line.shardId(), line.sequenceNumber(), line.partitionKey()))
                    .as("shard, sequence number and partition key of %s", line.payload())
                    .isEqualTo(List.of(put.shardId(), put.sequenceNumber(), put.partitionKey()));
        }
    }

    /** Within a shard, records were processed in sequence-number order, whichever worker processed them. */
    private static void assertShardOrder(Journal journal) {
        Map<String, List<Journal.Line>> byShard = journal.records().stream()
                .sorted(Comparator.comparingLong(Journal.Line::micros))
                .collect(Collectors.groupingBy(Journal.Line::shardId, LinkedHashMap::new, Collectors.toList()));
        byShard.forEach((shardId, lines) -> {
            List<BigInteger> sequence =
                    lines.stream().map(Journal.Line::sequenceNumber).toList();
            assertThat(sequence)
                    .as("sequence numbers of %s in processing order", shardId)
                    .isSorted();
        });
    }

    private void assertParentBeforeChildren(Journal journal, String parent) {
        List<String> children = kinesis.listShards(b -> b.streamName(stream)).shards().stream()
                .filter(s -> parent.equals(s.parentShardId()))
                .map(Shard::shardId)
                .toList();
        assertThat(children).hasSize(2);
        long parentLast = journal.records().stream()
                .filter(l -> l.shardId().equals(parent))
                .mapToLong(Journal.Line::micros)
                .max()
                .orElseThrow();
        for (String child : children) {
            long childFirst = journal.records().stream()
                    .filter(l -> l.shardId().equals(child))
                    .mapToLong(Journal.Line::micros)
                    .min()
                    .orElseThrow();
            assertThat(childFirst)
                    .as("first record of child %s after the last of parent %s", child, parent)
                    .isGreaterThan(parentLast);
        }
    }

    private void assertCheckpoints(String parent) {
        Map<String, Map<String, AttributeValue>> leases = leases();
        Map<String, BigInteger> lastPut = lastPutPerShard();
        Set<String> expectedLeases = new HashSet<>(lastPut.keySet());
        expectedLeases.add(parent);
        assertThat(leases.keySet()).as("leases").isEqualTo(expectedLeases);
        assertThat(leases.get(parent).get("checkpoint").s())
                .as("checkpoint of %s", parent)
                .isEqualTo(SHARD_END);
        lastPut.forEach((shardId, sequenceNumber) -> {
            if (!shardId.equals(parent)) {
                assertThat(leases.get(shardId).get("checkpoint").s())
                        .as("checkpoint of open shard %s", shardId)
                        .isEqualTo(sequenceNumber.toString());
            }
        });
    }

    /** Fan-out: KCL registered its stream consumer (named after the application); polling: none. */
    private void assertRetrievalMode() {
        String arn = kinesis.describeStreamSummary(b -> b.streamName(stream))
                .streamDescriptionSummary()
                .streamARN();
        List<String> consumers = kinesis.listStreamConsumers(b -> b.streamARN(arn)).consumers().stream()
                .map(Consumer::consumerName)
                .toList();
        assertThat(consumers).as("stream consumers").isEqualTo(fanOut() ? List.of(stream) : List.of());
    }

    /**
     * The workers' CloudWatch metrics reached Runnel's sink under the application's namespace. KCL counts a batch's
     * records in RecordsProcessed (per shard, Operation=ProcessTask) before it drops those at or before the
     * checkpoint, and a worker starting from a sequence-number checkpoint reads from that record on (AT, not
     * AFTER, for KPL sub-records): so each such start adds one. Worker B always stops gracefully, which flushes
     * its metrics; a killed worker A loses what it had not sent yet.
     */
    private void assertMetrics(Journal journal) {
        if (KclWorkerProcess.metricsLevel().equals("NONE")) {
            return;
        }
        double processed = metrics.sum(
                "us-east-1", stream, "RecordsProcessed", Map.of("Operation", "ProcessTask"), Duration.ofMinutes(10));
        note("RecordsProcessed in the metrics sink: " + processed);
        long all = journal.records().size() + sequenceStarts(journal, null);
        if (killWorkerA()) {
            long byB = journal.records().stream()
                            .filter(l -> l.worker().equals("B"))
                            .count()
                    + sequenceStarts(journal, "B");
            assertThat(processed).as("RecordsProcessed in the metrics sink").isBetween((double) byB, (double) all);
        } else {
            assertThat(processed).as("RecordsProcessed in the metrics sink").isEqualTo((double) all);
        }
    }

    /** Shard consumers (of one worker, or all for null) that started from a sequence-number checkpoint. */
    private static long sequenceStarts(Journal journal, String worker) {
        return journal.of("INIT").stream()
                .filter(l -> worker == null || l.worker().equals(worker))
                .filter(l -> Character.isDigit(l.rest().get(0).charAt(0)))
                .count();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    private Journal journal() {
        return Journal.read(workers);
    }

    private Map<String, BigInteger> lastPutPerShard() {
        Map<String, BigInteger> last = new HashMap<>();
        for (Put put : puts.values()) {
            last.merge(put.shardId(), put.sequenceNumber(), BigInteger::max);
        }
        return last;
    }

    /** Lease items (one per shard) of the lease table, read through the DynamoDB API; KCL 3 keeps more there. */
    private Map<String, Map<String, AttributeValue>> leases() {
        Map<String, Map<String, AttributeValue>> leases = new HashMap<>();
        dynamo.scanPaginator(b -> b.tableName(stream).consistentRead(true))
                .items()
                .forEach(item -> {
                    AttributeValue key = item.get("leaseKey");
                    if (key != null && key.s() != null && key.s().startsWith("shardId-")) {
                        leases.put(key.s(), item);
                    }
                });
        return leases;
    }

    /** Owner of each lease whose shard is not finished. */
    private Map<String, String> openLeaseOwners() {
        Map<String, String> owners = new HashMap<>();
        leases().forEach((shardId, item) -> {
            AttributeValue checkpoint = item.get("checkpoint");
            AttributeValue owner = item.get("leaseOwner");
            if (checkpoint == null || !SHARD_END.equals(checkpoint.s())) {
                owners.put(shardId, owner == null ? "" : owner.s());
            }
        });
        return owners;
    }

    private String owners() {
        return new java.util.TreeMap<>(openLeaseOwners()).toString();
    }

    private static String checksum(List<String> payloads) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String payload : payloads.stream().sorted().toList()) {
            sha.update((payload + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private void await(String what, Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e; // e.g. the lease table does not exist yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "timed out after " + timeout + " waiting for: " + what + "; " + diagnosis() + " (see " + dir + ")",
                lastError);
    }

    private String diagnosis() {
        Journal journal = journal();
        Set<String> seen = journal.records().stream().map(Journal.Line::payload).collect(Collectors.toSet());
        long missing = puts.keySet().stream().filter(p -> !seen.contains(p)).count();
        String owners;
        try {
            owners = owners();
        } catch (RuntimeException e) {
            owners = e.toString();
        }
        return puts.size() + " put, " + journal.records().size() + " processed, " + missing + " missing; leases "
                + owners + "; workers alive: "
                + workers.stream().map(w -> w.name + "=" + w.isAlive()).toList();
    }

    private void note(String what) {
        System.out.printf("[%s %5.1fs] %s%n", getClass().getSimpleName(), (System.nanoTime() - started) / 1e9, what);
    }
}
