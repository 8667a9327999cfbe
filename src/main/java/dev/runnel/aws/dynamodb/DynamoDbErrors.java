package dev.runnel.aws.dynamodb;

import dev.runnel.leasestore.AttributeValueJson;
import dev.runnel.leasestore.model.ConditionalCheckFailedException;
import dev.runnel.leasestore.model.DynamoDbException;
import dev.runnel.leasestore.model.TransactionCanceledException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** What some DynamoDB errors carry beside {@code __type} and {@code message}, as the SDKs read it. */
final class DynamoDbErrors {

    private DynamoDbErrors() {}

    static void details(DynamoDbException failure, ObjectNode body) {
        if (failure instanceof ConditionalCheckFailedException e) {
            e.item().ifPresent(item -> body.set("Item", AttributeValueJson.write(item)));
        } else if (failure instanceof TransactionCanceledException e) {
            body.put("Message", e.getMessage());
            ArrayNode reasons = body.putArray("CancellationReasons");
            for (TransactionCanceledException.Reason reason : e.reasons()) {
                ObjectNode node = reasons.addObject().put("Code", reason.code());
                if (reason.message() != null) {
                    node.put("Message", reason.message());
                }
                if (reason.item() != null) {
                    node.set("Item", AttributeValueJson.write(reason.item()));
                }
            }
        }
    }
}
