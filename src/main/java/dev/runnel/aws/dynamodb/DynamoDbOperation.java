package dev.runnel.aws.dynamodb;

import tools.jackson.databind.JsonNode;

/** One DynamoDB operation of the lease store: reads its request, calls the region's tables, shapes the answer. */
interface DynamoDbOperation {

    /** The answer's JSON body; every failure is a {@code DynamoDbException}. */
    JsonNode apply(DynamoDbRequest request);
}
