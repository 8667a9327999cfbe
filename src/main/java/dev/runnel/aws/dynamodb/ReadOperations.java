package dev.runnel.aws.dynamodb;

import dev.runnel.leasestore.AttributeValueJson;
import dev.runnel.leasestore.IndexDefinition;
import dev.runnel.leasestore.KeySchema;
import dev.runnel.leasestore.ReadPage;
import dev.runnel.leasestore.ReadSpec;
import dev.runnel.leasestore.TableDefinition;
import dev.runnel.leasestore.expression.Condition;
import dev.runnel.leasestore.expression.KeyCondition;
import dev.runnel.leasestore.expression.Projection;
import dev.runnel.leasestore.model.ValidationException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Scan and Query, a page at a time. */
final class ReadOperations {

    private static final int MAX_SEGMENTS = 1_000_000;

    private ReadOperations() {}

    static JsonNode scan(DynamoDbRequest request) {
        String table = request.tableName();
        String index = index(request);
        Integer limit = request.integer("Limit", 1, Integer.MAX_VALUE);
        Integer total = request.integer("TotalSegments", 1, MAX_SEGMENTS);
        Integer segment = request.integer("Segment", 0, MAX_SEGMENTS - 1);
        if ((segment == null) != (total == null)) {
            throw new ValidationException(
                    segment == null
                            ? "The Segment parameter is required but was not present in the request when parameter"
                                    + " TotalSegments is present"
                            : "The TotalSegments parameter is required but was not present in the request when Segment"
                                    + " parameter is present");
        }
        if (segment != null && segment >= total) {
            throw new ValidationException("The Segment parameter is zero-based and must be less than parameter"
                    + " TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + total);
        }
        request.bool("ConsistentRead");
        boolean countOnly = select(request);
        RequestExpressions expressions = new RequestExpressions(request);
        Condition filter = expressions.filter("ScanFilter");
        Projection projection = expressions.projection();
        expressions.finish();
        ReadSpec spec = new ReadSpec(
                index,
                null,
                filter,
                projection,
                limit == null ? Integer.MAX_VALUE : limit,
                true,
                request.item("ExclusiveStartKey"),
                segment == null ? Optional.empty() : Optional.of(new ReadSpec.Segment(segment, total)),
                countOnly);
        return page(request, table, request.tables().read(table, spec));
    }

    static JsonNode query(DynamoDbRequest request) {
        String table = request.tableName();
        String index = index(request);
        Integer limit = request.integer("Limit", 1, Integer.MAX_VALUE);
        Boolean forward = request.bool("ScanIndexForward");
        if (index != null && Boolean.TRUE.equals(request.bool("ConsistentRead"))) {
            throw new ValidationException("Consistent reads are not supported on global secondary indexes");
        }
        boolean countOnly = select(request);
        TableDefinition definition = request.tables().describe(table).definition();
        KeySchema key = index == null
                ? definition.keySchema()
                : definition.index(index).map(IndexDefinition::keySchema).orElse(definition.keySchema());
        RequestExpressions expressions = new RequestExpressions(request);
        KeyCondition keyCondition = expressions.keyCondition(
                key.partitionKey().name(), key.sortKey().map(k -> k.name()).orElse(null));
        Condition filter = expressions.filter("QueryFilter");
        Projection projection = expressions.projection();
        expressions.finish();
        ReadSpec spec = new ReadSpec(
                index,
                keyCondition,
                filter,
                projection,
                limit == null ? Integer.MAX_VALUE : limit,
                forward == null || forward,
                request.item("ExclusiveStartKey"),
                Optional.empty(),
                countOnly);
        return page(request, table, request.tables().read(table, spec));
    }

    private static String index(DynamoDbRequest request) {
        String index = request.string("IndexName");
        return index == null ? null : dev.runnel.leasestore.TableRules.checkName(index, "indexName");
    }

    /** Select=COUNT: count only. The other values return items (projected as asked). */
    private static boolean select(DynamoDbRequest request) {
        return request.choice(
                        "Select",
                        "ALL_ATTRIBUTES",
                        "ALL_ATTRIBUTES",
                        "ALL_PROJECTED_ATTRIBUTES",
                        "SPECIFIC_ATTRIBUTES",
                        "COUNT")
                .equals("COUNT");
    }

    private static JsonNode page(DynamoDbRequest request, String table, ReadPage page) {
        ObjectNode answer = TableDescriptions.NODES.objectNode();
        ArrayNode items = answer.putArray("Items");
        page.items().forEach(item -> items.add(AttributeValueJson.write(item)));
        answer.put("Count", page.count());
        answer.put("ScannedCount", page.scannedCount());
        page.nextKey().ifPresent(key -> answer.set("LastEvaluatedKey", AttributeValueJson.write(key)));
        ItemOperations.consumedCapacity(request, table, answer);
        return answer;
    }
}
