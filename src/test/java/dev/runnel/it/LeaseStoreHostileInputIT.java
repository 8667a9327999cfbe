package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeded bad DynamoDB calls against the lease store: well-formed requests of every operation KCL uses with one
 * member replaced by a wrong value (wrong JSON type, broken attribute values, bad expressions, huge or nested
 * input), plus broken bodies. Every answer must be a 200 or a typed 4xx in DynamoDB's error shape — never a 5xx —
 * and a lease written before must read back unchanged afterwards. {@code -Dhostile.seed} repeats a run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LeaseStoreHostileInputIT {

    private static final long SEED = Long.getLong("hostile.seed", 20261206L);
    private static final int CASES = 2_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TABLE = "hostile-leases";
    private static final Map<String, Supplier<Map<String, Object>>> TEMPLATES = new LinkedHashMap<>();

    static {
        TEMPLATES.put("GetItem", () -> body("TableName", TABLE, "Key", key("shardId-0"), "ConsistentRead", true));
        TEMPLATES.put(
                "PutItem",
                () -> body(
                        "TableName",
                        TABLE,
                        "Item",
                        Map.of("leaseKey", s("shardId-9"), "leaseCounter", Map.of("N", "1")),
                        "ConditionExpression",
                        "attribute_not_exists(leaseKey)"));
        TEMPLATES.put(
                "UpdateItem",
                () -> body(
                        "TableName",
                        TABLE,
                        "Key",
                        key("shardId-8"),
                        "UpdateExpression",
                        "SET #o = :o ADD leaseCounter :one",
                        "ConditionExpression",
                        "attribute_not_exists(leaseKey) OR leaseCounter < :ten",
                        "ExpressionAttributeNames",
                        Map.of("#o", "leaseOwner"),
                        "ExpressionAttributeValues",
                        Map.of(":o", s("w"), ":one", Map.of("N", "1"), ":ten", Map.of("N", "10"))));
        TEMPLATES.put(
                "DeleteItem",
                () -> body(
                        "TableName", TABLE,
                        "Key", key("shardId-7"),
                        "Expected", Map.of("leaseOwner", Map.of("Value", s("w")))));
        TEMPLATES.put(
                "Scan",
                () -> body("TableName", TABLE, "Limit", 5, "Segment", 0, "TotalSegments", 2, "ConsistentRead", true));
        TEMPLATES.put(
                "Query",
                () -> body(
                        "TableName",
                        TABLE,
                        "KeyConditionExpression",
                        "leaseKey = :k",
                        "ExpressionAttributeValues",
                        Map.of(":k", s("shardId-0"))));
        TEMPLATES.put("DescribeTable", () -> body("TableName", TABLE));
        TEMPLATES.put(
                "UpdateTable",
                () -> body(
                        "TableName", TABLE,
                        "AttributeDefinitions", List.of(Map.of("AttributeName", "leaseOwner", "AttributeType", "S")),
                        "GlobalSecondaryIndexUpdates",
                                List.of(Map.of(
                                        "Create",
                                        Map.of(
                                                "IndexName", "owners",
                                                "KeySchema",
                                                        List.of(Map.of(
                                                                "AttributeName", "leaseOwner", "KeyType", "HASH")),
                                                "Projection", Map.of("ProjectionType", "KEYS_ONLY"))))));
        TEMPLATES.put(
                "CreateTable",
                () -> body(
                        "TableName",
                        "hostile-other",
                        "KeySchema",
                        List.of(Map.of("AttributeName", "k", "KeyType", "HASH")),
                        "AttributeDefinitions",
                        List.of(Map.of("AttributeName", "k", "AttributeType", "S")),
                        "BillingMode",
                        "PAY_PER_REQUEST"));
        TEMPLATES.put("ListTables", () -> body("Limit", 10));
        TEMPLATES.put(
                "TransactWriteItems",
                () -> body(
                        "TransactItems",
                        List.of(Map.of(
                                "Put",
                                Map.of(
                                        "TableName",
                                        TABLE,
                                        "Item",
                                        Map.of("leaseKey", s("shardId-6")),
                                        "ConditionExpression",
                                        "attribute_not_exists(leaseKey)")))));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void badDynamoDbCallsGetTypedAnswersAndLeaveTheLeasesIntact() throws Exception {
        call(
                "CreateTable",
                JSON.writeValueAsBytes(body(
                        "TableName",
                        TABLE,
                        "KeySchema",
                        List.of(Map.of("AttributeName", "leaseKey", "KeyType", "HASH")),
                        "AttributeDefinitions",
                        List.of(Map.of("AttributeName", "leaseKey", "AttributeType", "S")),
                        "BillingMode",
                        "PAY_PER_REQUEST")));
        String lease = "{\"TableName\":\"" + TABLE + "\",\"Item\":{\"leaseKey\":{\"S\":\"shardId-0\"},"
                + "\"checkpoint\":{\"S\":\"49590\"},\"leaseCounter\":{\"N\":\"3\"}}}";
        assertThat(call("PutItem", lease.getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(200);

        Random random = new Random(SEED);
        List<String> operations = new ArrayList<>(TEMPLATES.keySet());
        List<String> failures = new ArrayList<>();
        int typed = 0;
        for (int i = 0; i < CASES; i++) {
            String operation = operations.get(random.nextInt(operations.size()));
            byte[] body = hostileBody(random, TEMPLATES.get(operation).get());
            HttpResponse<String> answer = call(operation, body);
            String problem = check(answer);
            if (problem != null && failures.size() < 20) {
                failures.add(operation + " " + new String(body, StandardCharsets.UTF_8) + " -> " + problem);
            }
            if (answer.statusCode() == 400) {
                typed++;
            }
        }
        assertThat(failures).as("seed %d", SEED).isEmpty();
        assertThat(typed).as("most hostile calls are refused").isGreaterThan(CASES / 2);
        HttpResponse<String> read = call(
                "GetItem",
                ("{\"TableName\":\"" + TABLE + "\",\"Key\":{\"leaseKey\":{\"S\":\"shardId-0\"}}}")
                        .getBytes(StandardCharsets.UTF_8));
        JsonNode item = JSON.readTree(read.body()).get("Item");
        assertThat(item.get("checkpoint").get("S").asString("")).isEqualTo("49590");
        assertThat(item.get("leaseCounter").get("N").asString("")).isEqualTo("3");
    }

    private static String check(HttpResponse<String> answer) {
        int status = answer.statusCode();
        if (status >= 500) {
            return "status " + status + ": " + answer.body();
        }
        if (status == 200) {
            return null;
        }
        if (status != 400 && status != 413) {
            return "status " + status;
        }
        if (status == 400) {
            try {
                JsonNode error = JSON.readTree(answer.body());
                String type = error.get("__type").asString("");
                String message = error.get("message").asString("");
                if (!type.contains("#") || message.isBlank()) {
                    return "untyped error " + answer.body();
                }
            } catch (RuntimeException e) {
                return "unreadable error " + answer.body();
            }
        }
        return null;
    }

    private static byte[] hostileBody(Random random, Map<String, Object> template) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            byte[] bytes = JSON.writeValueAsBytes(template);
            return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }
        if (kind == 1) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            return bytes;
        }
        List<String> members = new ArrayList<>(template.keySet());
        String member = members.get(random.nextInt(members.size()));
        template.put(member, badValue(random));
        if (random.nextBoolean()) {
            template.put(
                    pick(
                            random,
                            "ExpressionAttributeValues",
                            "ExpressionAttributeNames",
                            "Expected",
                            "AttributeUpdates",
                            "ExclusiveStartKey",
                            "ProjectionExpression",
                            "ReturnValues",
                            "Select"),
                    badValue(random));
        }
        return JSON.writeValueAsBytes(template);
    }

    private static Object badValue(Random random) {
        return switch (random.nextInt(22)) {
            case 0 -> null;
            case 1 -> -1;
            case 2 -> Long.MAX_VALUE;
            case 3 -> "";
            case 4 -> "x".repeat(70_000);
            case 5 -> List.of(1, "a", Map.of());
            case 6 -> Map.of("S", "a", "N", "1");
            case 7 -> Map.of("leaseKey", Map.of("N", "not-a-number"));
            case 8 -> Map.of("leaseKey", Map.of("SS", List.of()));
            case 9 -> Map.of("leaseKey", Map.of("NS", List.of("1", "1.0")));
            case 10 -> Map.of("leaseKey", Map.of("B", "%%%"));
            case 11 -> Map.of("leaseKey", Map.of("NULL", false));
            case 12 -> "SET a = :missing";
            case 13 -> "attribute_exists(";
            case 14 -> "((((((((((((((((((((((((((((((((((((((((((((((((((a = b";
            case 15 -> "#undefined = :v AND NOT NOT NOT size(#x) BETWEEN :a AND";
            case 16 -> Map.of(":v", Map.of("N", "1E+200"));
            case 17 -> Map.of("#n", 5);
            case 18 -> nested(random.nextInt(60) + 30);
            case 19 -> Map.of("leaseOwner", Map.of("ComparisonOperator", "BOGUS", "AttributeValueList", List.of()));
            case 20 -> "REMOVE a, a SET b = list_append(:x, c)";
            default -> true;
        };
    }

    private static Map<String, Object> nested(int depth) {
        Map<String, Object> value = Map.of("S", "deep");
        for (int i = 0; i < depth; i++) {
            value = Map.of("M", Map.of("a", value));
        }
        return Map.of("leaseKey", value);
    }

    private HttpResponse<String> call(String operation, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> key(String value) {
        return Map.of("leaseKey", s(value));
    }

    private static Map<String, Object> s(String value) {
        return Map.of("S", value);
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }
}
