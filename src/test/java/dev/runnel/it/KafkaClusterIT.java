package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.RunnelApplication;
import dev.runnel.storage.kafka.TestBroker;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Runnel as a cluster on Kafka: two nodes (Spring contexts in this JVM) on one real broker, and a third in a child
 * JVM for the crash. What one node does, the other sees and continues: streams created, records written, iterators
 * issued, shards split; two nodes racing to change the same stream version get one winner; a node killed during
 * PutRecords loses nothing it acknowledged; and the seed CLI session passes with its calls alternating between
 * the nodes.
 */
class KafkaClusterIT {

    private static final String HALF = "170141183460469231731687303715884105728";

    private static String prefix;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static KinesisClient a;
    private static KinesisClient b;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        prefix = "cluster" + TestBroker.uniquePrefix();
        ExecutorService starting = Executors.newFixedThreadPool(2);
        try {
            Future<ConfigurableApplicationContext> first = starting.submit(KafkaClusterIT::startNode);
            Future<ConfigurableApplicationContext> second = starting.submit(KafkaClusterIT::startNode);
            nodeA = first.get(120, TimeUnit.SECONDS);
            nodeB = second.get(120, TimeUnit.SECONDS);
        } finally {
            starting.shutdown();
        }
        a = AwsSdkScenario.syncClient(endpoint(nodeA), "false");
        b = AwsSdkScenario.syncClient(endpoint(nodeB), "true");
    }

    @AfterAll
    static void stopNodes() {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, nodeA, nodeB}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    static List<String> kafkaArguments() {
        return List.of(
                "--runnel.storage.type=kafka",
                "--runnel.kafka.bootstrap-servers=" + TestBroker.shared().bootstrapServers(),
                "--runnel.kafka.topic-prefix=" + prefix,
                "--runnel.kafka.session-timeout=1s",
                "--runnel.kafka.request-timeout=5s",
                "--runnel.limits.enabled=false");
    }

    private static ConfigurableApplicationContext startNode() {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1"));
        arguments.addAll(kafkaArguments());
        return new SpringApplicationBuilder(RunnelApplication.class).run(arguments.toArray(String[]::new));
    }

    private static URI endpoint(ConfigurableApplicationContext context) {
        return URI.create("http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void aStreamCreatedOnOneNodeIsDescribedOnTheOther() {
        a.createStream(r -> r.streamName("made-on-a").shardCount(3));
        StreamDescription onB = b.describeStream(r -> r.streamName("made-on-a")).streamDescription();
        assertThat(onB.streamStatus()).isIn(StreamStatus.CREATING, StreamStatus.ACTIVE);
        awaitActive(b, "made-on-a");
        assertThat(b.describeStream(r -> r.streamName("made-on-a"))
                        .streamDescription()
                        .shards())
                .hasSize(3);
        assertThat(a.describeStream(r -> r.streamName("made-on-a")).streamDescription())
                .isEqualTo(b.describeStream(r -> r.streamName("made-on-a")).streamDescription());
        assertThat(b.listStreams().streamNames()).contains("made-on-a");
    }

    @Test
    void recordsPutOnOneNodeAreReadOnTheOtherWithTheFirstNodesIterator() {
        a.createStream(r -> r.streamName("put-a-read-b").shardCount(1));
        awaitActive(a, "put-a-read-b");
        List<PutRecordResponse> written = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            written.add(a.putRecord(r -> r.streamName("put-a-read-b")
                    .partitionKey("key-" + n)
                    .data(SdkBytes.fromUtf8String("record " + n))));
        }
        String iterator = a.getShardIterator(r -> r.streamName("put-a-read-b")
                        .shardId("shardId-000000000000")
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        GetRecordsResponse page = b.getRecords(r -> r.shardIterator(iterator).limit(10));
        GetRecordsResponse next = b.getRecords(r -> r.shardIterator(page.nextShardIterator()));
        List<Record> records = new ArrayList<>(page.records());
        records.addAll(next.records());
        assertThat(records)
                .extracting(Record::sequenceNumber)
                .containsExactlyElementsOf(
                        written.stream().map(PutRecordResponse::sequenceNumber).toList());
        assertThat(records.get(7).data().asUtf8String()).isEqualTo("record 7");
        assertThat(next.millisBehindLatest()).isZero();
    }

    @Test
    void afterASplitOnOneNodeTheOtherWritesToTheChildren() {
        b.createStream(r -> r.streamName("split-on-b").shardCount(1));
        awaitActive(b, "split-on-b");
        a.putRecord(r -> r.streamName("split-on-b").partitionKey("k").data(SdkBytes.fromUtf8String("before")));
        b.splitShard(r ->
                r.streamName("split-on-b").shardToSplit("shardId-000000000000").newStartingHashKey(HALF));
        for (int i = 0; i < 10; i++) {
            int n = i;
            PutRecordResponse put = a.putRecord(r ->
                    r.streamName("split-on-b").partitionKey("after-" + n).data(SdkBytes.fromUtf8String("after " + n)));
            assertThat(put.shardId())
                    .as("record %d lands in a child", n)
                    .isIn("shardId-000000000001", "shardId-000000000002");
        }
        awaitActive(a, "split-on-b");
        Shard parent = a.listShards(r -> r.streamName("split-on-b")).shards().get(0);
        assertThat(parent.sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(readAll(b, "split-on-b", parent.shardId()))
                .extracting(record -> record.data().asUtf8String())
                .containsExactly("before");
    }

    @Test
    void twoNodesSplittingTheSameShardAtOnceGetOneWinner() throws Exception {
        a.createStream(r -> r.streamName("race").shardCount(1));
        awaitActive(a, "race");
        for (int round = 0; round < 3; round++) {
            String stream = "race";
            Shard parent = openShards(a, stream).get(0);
            String open = parent.shardId();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService racers = Executors.newFixedThreadPool(2);
            try {
                List<Future<String>> outcomes = new ArrayList<>();
                for (KinesisClient node : List.of(a, b)) {
                    outcomes.add(racers.submit(() -> {
                        go.await();
                        try {
                            node.splitShard(r -> r.streamName(stream)
                                    .shardToSplit(open)
                                    .newStartingHashKey(quarterOf(parent, node == a ? 1 : 3)));
                            return "won";
                        } catch (ResourceInUseException lost) {
                            return "ResourceInUse";
                        } catch (KinesisException other) {
                            return other.awsErrorDetails().errorCode();
                        }
                    }));
                }
                go.countDown();
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get(60, TimeUnit.SECONDS));
                }
                assertThat(results).as("round %d", round).containsExactlyInAnyOrder("won", "ResourceInUse");
            } finally {
                racers.shutdownNow();
            }
            awaitActive(a, stream);
            awaitActive(b, stream);
            assertThat(b.listShards(r -> r.streamName(stream)).shards())
                    .as("both nodes converge, round %d", round)
                    .isEqualTo(a.listShards(r -> r.streamName(stream)).shards());
            assertThat(openShards(a, stream)).hasSize(round + 2);
        }
    }

    @Test
    void aSubscriptionOnOneNodeReceivesWhatIsPutOnTheOther() throws Exception {
        a.createStream(r -> r.streamName("fan-out").shardCount(1));
        awaitActive(a, "fan-out");
        String streamArn = a.describeStreamSummary(r -> r.streamName("fan-out"))
                .streamDescriptionSummary()
                .streamARN();
        String consumerArn = a.registerStreamConsumer(
                        r -> r.streamARN(streamArn).consumerName("app"))
                .consumer()
                .consumerARN();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (b.describeStreamConsumer(r -> r.consumerARN(consumerArn))
                        .consumerDescription()
                        .consumerStatus()
                != ConsumerStatus.ACTIVE) {
            assertThat(System.nanoTime()).as("consumer ACTIVE within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        List<String> received = new CopyOnWriteArrayList<>();
        try (KinesisAsyncClient onB = KinesisAsyncClient.builder()
                .endpointOverride(endpoint(nodeB))
                .region(AwsSdkScenario.REGION)
                .credentialsProvider(AwsSdkScenario.dummyCredentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
                .build()) {
            CompletableFuture<Void> subscription = onB.subscribeToShard(
                    r -> r.consumerARN(consumerArn)
                            .shardId("shardId-000000000000")
                            .startingPosition(p -> p.type(ShardIteratorType.LATEST)),
                    SubscribeToShardResponseHandler.builder()
                            .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                                    .onSubscribeToShardEvent(event -> event.records()
                                            .forEach(record ->
                                                    received.add(record.data().asUtf8String())))
                                    .build())
                            .build());
            Thread.sleep(1000); // the subscription starts at LATEST: let it begin before writing
            for (int i = 0; i < 20; i++) {
                int n = i;
                a.putRecord(
                        r -> r.streamName("fan-out").partitionKey("k").data(SdkBytes.fromUtf8String("pushed " + n)));
            }
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < 20 && !subscription.isDone()) {
                assertThat(System.nanoTime())
                        .as("20 records pushed within 30 s")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(received)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20)
                            .mapToObj(i -> "pushed " + i)
                            .toList());
            subscription.cancel(true);
        }
    }

    @Test
    void theSeedCliSessionPassesWithItsCallsAlternatingBetweenTheNodes() throws Exception {
        try (AlternatingProxy proxy = AlternatingProxy.start(List.of(endpoint(nodeA), endpoint(nodeB)))) {
            int checks = CliSeedSession.run(proxy.endpoint(), "seedCluster");
            assertThat(checks).isGreaterThanOrEqualTo(100);
            assertThat(proxy.served(0)).as("calls served by node A").isGreaterThanOrEqualTo(10);
            assertThat(proxy.served(1)).as("calls served by node B").isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void aNodeKilledDuringPutRecordsLosesNothingItAcknowledged() throws Exception {
        a.createStream(r -> r.streamName("crash").shardCount(4));
        awaitActive(a, "crash");
        List<String> jvm = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        ChildRunnel victim = ChildRunnel.start("kafka-cluster-victim.log", jvm, kafkaArguments())
                .awaitReady();
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // sequence number -> data
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        try (KinesisClient onVictim =
                AwsSdkScenario.syncClient(URI.create("http://127.0.0.1:" + victim.port), "true")) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    for (int batch = 0; !stop.get(); batch++) {
                        List<PutRecordsRequestEntry> entries = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            entries.add(PutRecordsRequestEntry.builder()
                                    .partitionKey("w" + writer + "-" + batch + "-" + i)
                                    .data(SdkBytes.fromUtf8String("w" + writer + " b" + batch + " r" + i))
                                    .build());
                        }
                        try {
                            List<PutRecordsResultEntry> results = onVictim.putRecords(
                                            r -> r.streamName("crash").records(entries))
                                    .records();
                            for (int i = 0; i < results.size(); i++) {
                                if (results.get(i).errorCode() == null) {
                                    acknowledged.put(
                                            results.get(i).sequenceNumber(),
                                            entries.get(i).data().asUtf8String());
                                }
                            }
                        } catch (RuntimeException killed) {
                            return null; // the node is gone: what it acknowledged before counts
                        }
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 3000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(victim.kill()).as("SIGKILL").isEqualTo(137);
            stop.set(true);
            for (Future<?> writer : running) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
            victim.close();
        }
        assertThat(acknowledged).as("records acknowledged before the kill").hasSizeGreaterThan(1000);
        Map<String, String> stored = new HashMap<>();
        for (Shard shard : b.listShards(r -> r.streamName("crash")).shards()) {
            for (Record record : readAll(b, "crash", shard.shardId())) {
                assertThat(stored.put(record.sequenceNumber(), record.data().asUtf8String()))
                        .as("no sequence number twice")
                        .isNull();
            }
        }
        Set<String> missing = new java.util.TreeSet<>(acknowledged.keySet());
        missing.removeAll(stored.keySet());
        assertThat(missing).as("acknowledged records missing on the other node").isEmpty();
        acknowledged.forEach(
                (sequence, data) -> assertThat(stored.get(sequence)).isEqualTo(data));
        System.out.printf(
                "KafkaClusterIT: the killed node had acknowledged %d records; all of them read back from the other"
                        + " node, which holds %d%n",
                acknowledged.size(), stored.size());
    }

    private static List<Record> readAll(KinesisClient client, String stream, String shardId) {
        String iterator = client.getShardIterator(
                        r -> r.streamName(stream).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page =
                    client.getRecords(r -> r.shardIterator(current).limit(10_000));
            records.addAll(page.records());
            if (page.records().isEmpty() && page.millisBehindLatest() == 0) {
                break;
            }
            iterator = page.nextShardIterator();
        }
        return records;
    }

    private static List<Shard> openShards(KinesisClient client, String stream) {
        return client.listShards(r -> r.streamName(stream)).shards().stream()
                .filter(shard -> shard.sequenceNumberRange().endingSequenceNumber() == null)
                .toList();
    }

    /** The hash key {@code quarters} quarters into the shard's hash key range. */
    private static String quarterOf(Shard shard, int quarters) {
        BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
        BigInteger span = new BigInteger(shard.hashKeyRange().endingHashKey()).subtract(start);
        return start.add(span.multiply(BigInteger.valueOf(quarters)).divide(BigInteger.valueOf(4)))
                .toString();
    }

    static void awaitActive(KinesisClient client, String stream) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (client.describeStreamSummary(r -> r.streamName(stream))
                        .streamDescriptionSummary()
                        .streamStatus()
                != StreamStatus.ACTIVE) {
            assertThat(System.nanoTime()).as("%s ACTIVE within 30 s", stream).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
