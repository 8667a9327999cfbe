package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The lease store through the AWS SDK for Java's DynamoDB client, in the shapes KCL sends: a lease table created on
 * demand with a GSI added by UpdateTable, leases taken and renewed with legacy {@code Expected}/
 * {@code AttributeUpdates} and with expressions, conditional failures, paged and parallel scans, a Query on the
 * GSI, a transaction, and DynamoDB's errors as the SDK parses them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaseStoreSdkIT {

    static final String INDEX = "LeaseOwnerToLeaseKeyIndex";

    @LocalServerPort
    int port;

    private DynamoDbClient dynamo;

    @BeforeAll
    void client() {
        dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(AwsSdkScenario.dummyCredentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    @AfterAll
    void close() {
        dynamo.close();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private void createLeaseTable(String table) {
        createLeaseTable(dynamo, table);
    }

    /** A lease table as KCL creates it: hash key leaseKey (a string), on demand. */
    static void createLeaseTable(DynamoDbClient dynamo, String table) {
        dynamo.createTable(b -> b.tableName(table)
                .keySchema(KeySchemaElement.builder()
                        .attributeName("leaseKey")
                        .keyType(KeyType.HASH)
                        .build())
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("leaseKey")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    private void addOwnerIndex(String table) {
        addOwnerIndex(dynamo, table);
    }

    /** KCL 3's index {@value #INDEX}: UpdateTable adding a GSI on leaseOwner (with leaseKey), keys only. */
    static void addOwnerIndex(DynamoDbClient dynamo, String table) {
        dynamo.updateTable(b -> b.tableName(table)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("leaseOwner")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                        .create(CreateGlobalSecondaryIndexAction.builder()
                                .indexName(INDEX)
                                .keySchema(
                                        KeySchemaElement.builder()
                                                .attributeName("leaseOwner")
                                                .keyType(KeyType.HASH)
                                                .build(),
                                        KeySchemaElement.builder()
                                                .attributeName("leaseKey")
                                                .keyType(KeyType.RANGE)
                                                .build())
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.KEYS_ONLY)
                                        .build())
                                .build())
                        .build()));
    }

    private Map<String, AttributeValue> lease(String key, String owner, long counter) {
        return Map.of(
                "leaseKey",
                s(key),
                "leaseOwner",
                s(owner),
                "leaseCounter",
                n(counter),
                "checkpoint",
                s("TRIM_HORIZON"));
    }

    @Test
    void aLeaseTableIsCreatedDescribedIndexedListedAndDeleted() {
        String table = "app-lifecycle";
        createLeaseTable(table);
        var described = dynamo.describeTable(b -> b.tableName(table)).table();
        assertThat(described.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(described.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(described.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/" + table);
        assertThatThrownBy(() -> createLeaseTable(table)).isInstanceOf(ResourceInUseException.class);

        addOwnerIndex(table);
        var indexed = dynamo.describeTable(b -> b.tableName(table)).table();
        assertThat(indexed.globalSecondaryIndexes()).singleElement().satisfies(i -> {
            assertThat(i.indexName()).isEqualTo(INDEX);
            assertThat(i.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        });
        assertThat(dynamo.listTables().tableNames()).contains(table);

        dynamo.deleteTable(b -> b.tableName(table));
        assertThatThrownBy(() -> dynamo.describeTable(b -> b.tableName(table)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Table: " + table + " not found");
    }

    @Test
    void leasesAreTakenAndRenewedWithLegacyParametersAsKclDoes() {
        String table = "app-legacy";
        createLeaseTable(table);
        // createLeaseIfNotExists: Expected leaseKey does not exist
        Map<String, ExpectedAttributeValue> absent = Map.of(
                "leaseKey", ExpectedAttributeValue.builder().exists(false).build());
        dynamo.putItem(
                b -> b.tableName(table).item(lease("shardId-0", "worker-a", 1)).expected(absent));
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName(table)
                        .item(lease("shardId-0", "worker-b", 1))
                        .expected(absent)))
                .isInstanceOf(ConditionalCheckFailedException.class);

        // renewLease: Expected leaseCounter = 1, AttributeUpdates ADD leaseCounter 1
        Map<String, ExpectedAttributeValue> counterIs1 = Map.of(
                "leaseCounter", ExpectedAttributeValue.builder().value(n(1)).build());
        Map<String, AttributeValueUpdate> increment = Map.of(
                "leaseCounter",
                AttributeValueUpdate.builder()
                        .action(AttributeAction.ADD)
                        .value(n(1))
                        .build());
        var renewed = dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("leaseKey", s("shardId-0")))
                .expected(counterIs1)
                .attributeUpdates(increment)
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(renewed.attributes().get("leaseCounter").n()).isEqualTo("2");
        assertThatThrownBy(() -> dynamo.updateItem(b -> b.tableName(table)
                        .key(Map.of("leaseKey", s("shardId-0")))
                        .expected(counterIs1)
                        .attributeUpdates(increment)))
                .isInstanceOf(ConditionalCheckFailedException.class);

        // evictLease: DELETE leaseOwner
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("leaseKey", s("shardId-0")))
                .attributeUpdates(Map.of(
                        "leaseOwner",
                        AttributeValueUpdate.builder()
                                .action(AttributeAction.DELETE)
                                .build())));
        var item = dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("leaseKey", s("shardId-0")))
                        .consistentRead(true))
                .item();
        assertThat(item).doesNotContainKey("leaseOwner").containsEntry("leaseCounter", n(2));
    }

    @Test
    void expressionsConditionUpdateAndProject() {
        String table = "app-expressions";
        createLeaseTable(table);
        dynamo.putItem(b -> b.tableName(table)
                .item(lease("shardId-1", "worker-a", 5))
                .conditionExpression("attribute_not_exists(#k)")
                .expressionAttributeNames(Map.of("#k", "leaseKey")));
        var updated = dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("leaseKey", s("shardId-1")))
                .updateExpression("SET #o = :new, checkpoint = :cp ADD leaseCounter :one")
                .conditionExpression("attribute_exists(leaseKey) AND #o = :old")
                .expressionAttributeNames(Map.of("#o", "leaseOwner"))
                .expressionAttributeValues(
                        Map.of(":new", s("worker-b"), ":old", s("worker-a"), ":cp", s("49590"), ":one", n(1)))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertThat(updated.attributes())
                .containsEntry("leaseOwner", s("worker-b"))
                .containsEntry("leaseCounter", n(6))
                .doesNotContainKey("leaseKey");
        var failed = catchConditional(() -> dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("leaseKey", s("shardId-1")))
                .updateExpression("REMOVE leaseOwner")
                .conditionExpression("leaseOwner = :old")
                .expressionAttributeValues(Map.of(":old", s("worker-a")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertThat(failed.item()).containsEntry("leaseOwner", s("worker-b"));
        var projected = dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("leaseKey", s("shardId-1")))
                        .projectionExpression("leaseOwner, #c")
                        .expressionAttributeNames(Map.of("#c", "checkpoint")))
                .item();
        assertThat(projected).containsOnlyKeys("leaseOwner", "checkpoint");
        assertThatThrownBy(() -> dynamo.updateItem(b -> b.tableName(table)
                        .key(Map.of("leaseKey", s("shardId-1")))
                        .updateExpression("SET leaseKey = :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Cannot update attribute leaseKey. This attribute is part of the key");
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName(table)
                        .item(lease("shardId-9", "w", 1))
                        .expressionAttributeValues(Map.of(":unused", s("x")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("ExpressionAttributeValues can only be specified when using expressions");
    }

    private static ConditionalCheckFailedException catchConditional(Runnable call) {
        try {
            call.run();
        } catch (ConditionalCheckFailedException e) {
            return e;
        }
        throw new AssertionError("expected ConditionalCheckFailedException");
    }

    @Test
    void scansPageAndSplitIntoSegmentsAndQueriesUseTheIndex() {
        String table = "app-scan";
        createLeaseTable(table);
        addOwnerIndex(table);
        for (int i = 0; i < 25; i++) {
            String key = "shardId-%012d".formatted(i);
            dynamo.putItem(b -> b.tableName(table).item(lease(key, key.endsWith("0") ? "worker-a" : "worker-b", 1)));
        }
        dynamo.putItem(b -> b.tableName(table).item(Map.of("leaseKey", s("unowned"))));

        Set<String> paged = new HashSet<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(
                    b -> b.tableName(table).limit(7).consistentRead(true).exclusiveStartKey(from));
            page.items()
                    .forEach(i -> assertThat(paged.add(i.get("leaseKey").s())).isTrue());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertThat(paged).hasSize(26);
        assertThat(pages).isEqualTo(4);

        List<String> segmented = new ArrayList<>();
        for (int segment = 0; segment < 3; segment++) {
            int s = segment;
            dynamo.scan(b -> b.tableName(table).segment(s).totalSegments(3))
                    .items()
                    .forEach(i -> segmented.add(i.get("leaseKey").s()));
        }
        assertThat(segmented).hasSize(26).doesNotHaveDuplicates();

        var owned = dynamo.query(b -> b.tableName(table)
                .indexName(INDEX)
                .keyConditionExpression("leaseOwner = :owner")
                .expressionAttributeValues(Map.of(":owner", s("worker-a"))));
        assertThat(owned.items())
                .extracting(i -> i.get("leaseKey").s())
                .containsExactly("shardId-000000000000", "shardId-000000000010", "shardId-000000000020");
        assertThat(owned.items().get(0)).containsOnlyKeys("leaseKey", "leaseOwner");

        var filtered = dynamo.scan(b -> b.tableName(table)
                .filterExpression("leaseOwner = :owner")
                .expressionAttributeValues(Map.of(":owner", s("worker-a"))));
        assertThat(filtered.count()).isEqualTo(3);
        assertThat(filtered.scannedCount()).isEqualTo(26);
    }

    @Test
    void aTransactionWritesAllOrNothing() {
        String table = "app-transact";
        createLeaseTable(table);
        dynamo.putItem(b -> b.tableName(table).item(lease("shardId-0", "worker-a", 1)));
        TransactWriteItem put = TransactWriteItem.builder()
                .put(p -> p.tableName(table)
                        .item(lease("shardId-1", "worker-a", 1))
                        .conditionExpression("attribute_not_exists(leaseKey)"))
                .build();
        TransactWriteItem failingCheck = TransactWriteItem.builder()
                .conditionCheck(c -> c.tableName(table)
                        .key(Map.of("leaseKey", s("shardId-0")))
                        .conditionExpression("leaseOwner = :o")
                        .expressionAttributeValues(Map.of(":o", s("worker-z"))))
                .build();
        assertThatThrownBy(() -> dynamo.transactWriteItems(b -> b.transactItems(put, failingCheck)))
                .isInstanceOfSatisfying(
                        TransactionCanceledException.class,
                        e -> assertThat(e.cancellationReasons())
                                .extracting(r -> r.code())
                                .containsExactly("None", "ConditionalCheckFailed"));
        assertThat(dynamo.getItem(b -> b.tableName(table).key(Map.of("leaseKey", s("shardId-1"))))
                        .hasItem())
                .isFalse();
        TransactWriteItem delete = TransactWriteItem.builder()
                .delete(d -> d.tableName(table).key(Map.of("leaseKey", s("shardId-0"))))
                .build();
        dynamo.transactWriteItems(b -> b.transactItems(put, delete));
        assertThat(dynamo.scan(b -> b.tableName(table)).items())
                .extracting(i -> i.get("leaseKey").s())
                .containsExactly("shardId-1");
    }

    @Test
    void badRequestsGetDynamoDbErrorsTheSdkParses() {
        assertThatThrownBy(() ->
                        dynamo.getItem(b -> b.tableName("no-such-table").key(Map.of("leaseKey", s("x")))))
                .isInstanceOfSatisfying(
                        ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException"));
        createLeaseTable("app-errors");
        assertThatThrownBy(() -> dynamo.getItem(b -> b.tableName("app-errors").key(Map.of("wrong", s("x")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The provided key element does not match the schema");
                });
        assertThatThrownBy(() ->
                        dynamo.putItem(b -> b.tableName("app-errors").item(new HashMap<>(Map.of("leaseKey", n(1))))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Type mismatch for key leaseKey expected: S actual: N");
        assertThatThrownBy(() -> dynamo.createTable(b -> b.tableName("x")))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Member must have length greater than or equal to 3");
    }

    @Test
    void otherOperationsAndBrokenBodiesAreRefusedWithTypedErrors() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unknown =
                http.send(dynamoCall("DynamoDB_20120810.ExecuteStatement", "{}"), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body())
                .contains("com.amazon.coral.service#UnknownOperationException")
                .contains("ExecuteStatement");
        HttpResponse<String> broken = http.send(
                dynamoCall("DynamoDB_20120810.GetItem", "{\"TableName\":"), HttpResponse.BodyHandlers.ofString());
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("SerializationException");
        HttpResponse<String> badValue = http.send(
                dynamoCall(
                        "DynamoDB_20120810.PutItem",
                        "{\"TableName\":\"app-none\",\"Item\":{\"a\":{\"S\":\"x\",\"N\":\"1\"}}}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badValue.statusCode()).isEqualTo(400);
        assertThat(badValue.body()).contains("ValidationException").contains("more than one datatypes");
    }

    private HttpRequest dynamoCall(String target, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
