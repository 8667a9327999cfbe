package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.RunnelApplication;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;

/**
 * The file store across restarts of a whole Runnel (two Spring contexts in turn on one data directory): streams
 * with every kind of metadata, records, iterators and pagination tokens issued before a restart work after it, new
 * records continue the sequence; and the start-up recovery rules for what a crash between a log step and a catalog
 * step leaves (a sealed log of an open shard, logs no stream references).
 */
class DurableRestartIT {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start(String... more) {
        // Arguments, not default properties: those rank below application.yaml.
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--runnel.storage.type=file",
                "--runnel.storage.dir=" + data,
                "--runnel.storage.fsync=always",
                "--runnel.streams.create-delay=0",
                "--runnel.streams.delete-delay=0",
                "--runnel.streams.update-delay=0",
                "--runnel.fan-out.create-delay=0",
                "--runnel.limits.enabled=false"));
        arguments.addAll(List.of(more.length > 0 ? more : new String[] {"--runnel.storage.min-free-space=0"}));
        return new SpringApplicationBuilder(RunnelApplication.class).run(arguments.toArray(String[]::new));
    }

    private static KinesisClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return AwsSdkScenario.syncClient(URI.create("http://127.0.0.1:" + port), "false");
    }

    @Test
    void streamsRecordsIteratorsAndTokensSurviveARestart() {
        String stream = "durable";
        List<PutRecordResponse> written = new ArrayList<>();
        String iterator;
        String shardsToken;
        StreamDescription before;
        ListShardsResponse shardsBefore;
        Map<String, String> tagsBefore;
        List<Consumer> consumersBefore;
        try (ConfigurableApplicationContext first = start();
                KinesisClient kinesis = client(first)) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(2));
            kinesis.addTagsToStream(r -> r.streamName(stream).tags(Map.of("team", "data", "env", "test")));
            kinesis.increaseStreamRetentionPeriod(r -> r.streamName(stream).retentionPeriodHours(48));
            kinesis.startStreamEncryption(
                    r -> r.streamName(stream).encryptionType(EncryptionType.KMS).keyId("alias/aws/kinesis"));
            for (int i = 0; i < 50; i++) {
                written.add(put(kinesis, stream, i));
            }
            Shard first0 =
                    kinesis.listShards(r -> r.streamName(stream)).shards().get(0);
            kinesis.splitShard(r -> r.streamName(stream)
                    .shardToSplit(first0.shardId())
                    .newStartingHashKey("85070591730234615865843651857942052864"));
            awaitActive(kinesis, stream);
            for (int i = 50; i < 100; i++) {
                written.add(put(kinesis, stream, i));
            }
            String arn = kinesis.describeStreamSummary(r -> r.streamName(stream))
                    .streamDescriptionSummary()
                    .streamARN();
            kinesis.registerStreamConsumer(r -> r.streamARN(arn).consumerName("reader"));
            iterator = kinesis.getShardIterator(r -> r.streamName(stream)
                            .shardId(written.get(0).shardId())
                            .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                            .startingSequenceNumber(written.get(0).sequenceNumber()))
                    .shardIterator();
            shardsToken =
                    kinesis.listShards(r -> r.streamName(stream).maxResults(1)).nextToken();
            before = kinesis.describeStream(r -> r.streamName(stream)).streamDescription();
            shardsBefore = kinesis.listShards(r -> r.streamName(stream));
            tagsBefore = tags(kinesis, stream);
            consumersBefore = kinesis.listStreamConsumers(r -> r.streamARN(arn)).consumers();
            kinesis.createStream(r -> r.streamName("deleted").shardCount(1));
            kinesis.deleteStream(r -> r.streamName("deleted"));
        }

        try (ConfigurableApplicationContext second = start();
                KinesisClient kinesis = client(second)) {
            assertThat(kinesis.describeStream(r -> r.streamName(stream)).streamDescription())
                    .isEqualTo(before);
            assertThat(kinesis.listShards(r -> r.streamName(stream)).shards()).isEqualTo(shardsBefore.shards());
            assertThat(tags(kinesis, stream)).isEqualTo(tagsBefore);
            assertThat(kinesis.listStreamConsumers(r -> r.streamARN(before.streamARN()))
                            .consumers())
                    .isEqualTo(consumersBefore)
                    .singleElement()
                    .satisfies(c -> assertThat(c.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE));
            assertThat(kinesis.listStreams().streamNames()).containsExactly(stream);
            assertThat(kinesis.listShards(r -> r.nextToken(shardsToken)).shards())
                    .as("a pagination token from before the restart goes on after the first shard")
                    .isEqualTo(shardsBefore
                            .shards()
                            .subList(1, shardsBefore.shards().size()));

            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(iterator));
            List<PutRecordResponse> firstShard = written.stream()
                    .filter(w -> w.shardId().equals(written.get(0).shardId()))
                    .toList();
            assertThat(page.records())
                    .as("an iterator from before the restart reads the same records")
                    .extracting(Record::sequenceNumber)
                    .containsExactlyElementsOf(firstShard.stream()
                            .map(PutRecordResponse::sequenceNumber)
                            .toList());
            assertThat(page.records())
                    .allSatisfy(record -> assertThat(record.encryptionType()).isEqualTo(EncryptionType.KMS));
            assertThat(readAll(kinesis, stream))
                    .as("every record, by sequence number, with its bytes")
                    .containsExactlyInAnyOrderElementsOf(written.stream()
                            .map(w -> w.shardId() + "/" + w.sequenceNumber() + "/record-" + written.indexOf(w))
                            .toList());

            PutRecordResponse after = put(kinesis, stream, 100);
            String lastBefore = written.stream()
                    .filter(w -> w.shardId().equals(after.shardId()))
                    .reduce((a, b) -> b)
                    .orElseThrow()
                    .sequenceNumber();
            assertThat(new java.math.BigInteger(after.sequenceNumber()))
                    .as("new records continue the shard's sequence")
                    .isGreaterThan(new java.math.BigInteger(lastBefore));
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> kinesis.describeStreamSummary(r -> r.streamName("deleted")))
                    .as("a stream deleted before the restart stays deleted")
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void aSealedLogOfAnOpenShardTakesWritesAgainAndUnreferencedLogsAreDroppedAtStart() throws IOException {
        Path shardDir;
        try (ConfigurableApplicationContext first = start();
                KinesisClient kinesis = client(first)) {
            kinesis.createStream(r -> r.streamName("interrupted").shardCount(1));
            put(kinesis, "interrupted", 0);
            try (Stream<Path> incarnations = Files.list(data.resolve("logs"))) {
                shardDir = incarnations.findFirst().orElseThrow().resolve("0");
            }
        }
        // What a crash between sealing a log and publishing the change leaves, and what one between creating logs
        // and adding their stream (or removing a stream and dropping its logs) leaves.
        Files.writeString(shardDir.resolve("sealed"), "1");
        Path orphanShard = shardDir.resolveSibling("7");
        Files.createDirectories(orphanShard);
        Path orphanStream = data.resolve("logs").resolve("12345");
        Files.createDirectories(orphanStream.resolve("0"));

        try (ConfigurableApplicationContext second = start();
                KinesisClient kinesis = client(second)) {
            assertThat(put(kinesis, "interrupted", 1).sequenceNumber()).isNotEmpty();
            assertThat(shardDir.resolve("sealed")).doesNotExist();
            assertThat(orphanShard).doesNotExist();
            assertThat(orphanStream).doesNotExist();
        }
    }

    @Test
    void aSecondRunnelOnTheSameDirectoryIsRefused() {
        try (ConfigurableApplicationContext first = start()) {
            assertThat(first.isRunning()).isTrue();
            org.assertj.core.api.Assertions.assertThatThrownBy(this::start)
                    .hasStackTraceContaining("Another Runnel is using the data directory");
        }
    }

    @Test
    void writesThatWouldLeaveTooLittleFreeDiskAreRefusedAsLimitExceededWithNothingWritten() {
        try (ConfigurableApplicationContext full = start("--runnel.storage.min-free-space=1000000GB");
                KinesisClient kinesis = client(full)) {
            kinesis.createStream(r -> r.streamName("full").shardCount(1));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> put(kinesis, "full", 0))
                    .isInstanceOf(software.amazon.awssdk.services.kinesis.model.LimitExceededException.class)
                    .hasMessageContaining("runnel.storage.min-free-space");
            var batch = kinesis.putRecords(r -> r.streamName("full")
                    .records(
                            e -> e.partitionKey("a").data(SdkBytes.fromUtf8String("x")),
                            e -> e.partitionKey("b").data(SdkBytes.fromUtf8String("y"))));
            assertThat(batch.failedRecordCount()).isEqualTo(2);
            assertThat(batch.records())
                    .allSatisfy(entry -> assertThat(entry.errorCode()).isEqualTo("LimitExceededException"));
            assertThat(readAll(kinesis, "full")).isEmpty();
        }
    }

    private static PutRecordResponse put(KinesisClient kinesis, String stream, int i) {
        return kinesis.putRecord(r -> r.streamName(stream)
                .partitionKey("key-" + (i * 7919))
                .data(SdkBytes.fromString("record-" + i, StandardCharsets.UTF_8)));
    }

    private static Map<String, String> tags(KinesisClient kinesis, String stream) {
        Map<String, String> tags = new java.util.TreeMap<>();
        kinesis.listTagsForStream(r -> r.streamName(stream)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    private static void awaitActive(KinesisClient kinesis, String stream) {
        for (int i = 0; i < 100; i++) {
            if (kinesis.describeStreamSummary(r -> r.streamName(stream))
                    .streamDescriptionSummary()
                    .streamStatusAsString()
                    .equals("ACTIVE")) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Every record of every shard as "shard/sequence/data". */
    private static List<String> readAll(KinesisClient kinesis, String stream) {
        List<String> all = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String it = kinesis.getShardIterator(r -> r.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            for (int pages = 0; it != null && pages < 10; pages++) {
                String current = it;
                GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
                page.records()
                        .forEach(r -> all.add(shard.shardId() + "/" + r.sequenceNumber() + "/"
                                + r.data().asUtf8String()));
                if (page.records().isEmpty()) {
                    break;
                }
                it = page.nextShardIterator();
            }
        }
        return all;
    }

    private static DynamoDbClient dynamo(ConfigurableApplicationContext context, Region region) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(region)
                .credentialsProvider(AwsSdkScenario.dummyCredentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static Map<String, AttributeValue> lease(String key, String owner, long counter) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("leaseKey", AttributeValue.fromS(key));
        item.put("leaseOwner", AttributeValue.fromS(owner));
        item.put("leaseCounter", AttributeValue.fromN(Long.toString(counter)));
        item.put("checkpoint", AttributeValue.fromS("TRIM_HORIZON"));
        item.put("subSequence", AttributeValue.fromN("0.50"));
        item.put("blob", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, (byte) 255, 7})));
        item.put("ownerSwitches", AttributeValue.fromBool(false));
        item.put("pending", AttributeValue.fromNul(true));
        item.put("parents", AttributeValue.fromSs(List.of("shardId-000000000000", "shardId-000000000001")));
        item.put("hashes", AttributeValue.fromNs(List.of("1", "34028236692093846346337460743176821145")));
        item.put("tokens", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("a"), SdkBytes.fromUtf8String("b"))));
        item.put("history", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("-1e3"))));
        item.put(
                "meta",
                AttributeValue.fromM(Map.of(
                        "nested", AttributeValue.fromM(Map.of("deep", AttributeValue.fromBool(true))),
                        "empty", AttributeValue.fromL(List.of()))));
        return item;
    }

    @Test
    void leaseTablesSurviveARestart() {
        String table = "durable-kcl-app";
        String index = LeaseStoreSdkIT.INDEX;
        TableDescription before;
        List<Map<String, AttributeValue>> itemsBefore;
        try (ConfigurableApplicationContext first = start();
                DynamoDbClient east = dynamo(first, Region.US_EAST_1);
                DynamoDbClient west = dynamo(first, Region.EU_WEST_1)) {
            LeaseStoreSdkIT.createLeaseTable(east, table);
            LeaseStoreSdkIT.addOwnerIndex(east, table);
            east.updateContinuousBackups(
                    r -> r.tableName(table).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
            for (int i = 0; i < 4; i++) {
                Map<String, AttributeValue> item = lease("shardId-00000000000" + i, "worker-" + (i % 2), i + 1);
                east.putItem(r -> r.tableName(table).item(item));
            }
            east.updateItem(r -> r.tableName(table)
                    .key(Map.of("leaseKey", AttributeValue.fromS("shardId-000000000001")))
                    .updateExpression("SET checkpoint = :c ADD leaseCounter :one")
                    .expressionAttributeValues(Map.of(
                            ":c", AttributeValue.fromS("49590338271490256608559692538361571095921575989136588898"),
                            ":one", AttributeValue.fromN("1"))));
            east.deleteItem(
                    r -> r.tableName(table).key(Map.of("leaseKey", AttributeValue.fromS("shardId-000000000002"))));
            east.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder()
                            .put(p -> p.tableName(table).item(lease("shardId-000000000009", "worker-9", 9)))
                            .build(),
                    TransactWriteItem.builder()
                            .delete(d -> d.tableName(table)
                                    .key(Map.of("leaseKey", AttributeValue.fromS("shardId-000000000003"))))
                            .build()));
            west.createTable(r -> r.tableName(table)
                    .billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(p -> p.readCapacityUnits(3L).writeCapacityUnits(4L))
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("leaseKey")
                            .keyType(KeyType.HASH)
                            .build())
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("leaseKey")
                            .attributeType(ScalarAttributeType.S)
                            .build()));
            west.putItem(r -> r.tableName(table).item(lease("west", "worker-w", 5)));
            before = east.describeTable(r -> r.tableName(table)).table();
            itemsBefore =
                    east.scan(r -> r.tableName(table).consistentRead(true)).items();
        }

        try (ConfigurableApplicationContext second = start();
                DynamoDbClient east = dynamo(second, Region.US_EAST_1);
                DynamoDbClient west = dynamo(second, Region.EU_WEST_1)) {
            assertThat(east.describeTable(r -> r.tableName(table)).table()).isEqualTo(before);
            assertThat(east.scan(r -> r.tableName(table).consistentRead(true)).items())
                    .containsExactlyElementsOf(itemsBefore)
                    .hasSize(3);
            assertThat(east.describeContinuousBackups(r -> r.tableName(table))
                            .continuousBackupsDescription()
                            .pointInTimeRecoveryDescription()
                            .pointInTimeRecoveryStatusAsString())
                    .isEqualTo("ENABLED");
            assertThat(east.getItem(r -> r.tableName(table)
                                    .key(Map.of("leaseKey", AttributeValue.fromS("shardId-000000000001")))
                                    .consistentRead(true))
                            .item())
                    .containsEntry("leaseCounter", AttributeValue.fromN("3"))
                    .containsEntry("subSequence", AttributeValue.fromN("0.5"));
            assertThat(east.query(r -> r.tableName(table)
                                    .indexName(index)
                                    .keyConditionExpression("leaseOwner = :o")
                                    .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("worker-1"))))
                            .count())
                    .isEqualTo(1);
            assertThat(west.getItem(r -> r.tableName(table).key(Map.of("leaseKey", AttributeValue.fromS("west"))))
                            .item())
                    .hasSize(13)
                    .containsEntry("leaseOwner", AttributeValue.fromS("worker-w"))
                    .containsEntry("tokens", lease("west", "worker-w", 5).get("tokens"))
                    .containsEntry("meta", lease("west", "worker-w", 5).get("meta"));
            // A lease taken after the restart is kept by the next one too.
            east.putItem(r -> r.tableName(table).item(lease("shardId-000000000002", "worker-0", 1)));
            east.deleteTable(r -> r.tableName(table));
        }
        try (ConfigurableApplicationContext third = start();
                DynamoDbClient east = dynamo(third, Region.US_EAST_1);
                DynamoDbClient west = dynamo(third, Region.EU_WEST_1)) {
            assertThat(east.listTables().tableNames()).isEmpty();
            assertThat(west.listTables().tableNames()).containsExactly(table);
        }
    }
}
