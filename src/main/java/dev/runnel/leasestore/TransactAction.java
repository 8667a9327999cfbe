package dev.runnel.leasestore;

import dev.runnel.leasestore.expression.Condition;
import dev.runnel.leasestore.expression.Update;
import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;

/**
 * One action of a TransactWriteItems call. {@code condition} may be null (except for a check);
 * {@code returnOnFailure} is ReturnValuesOnConditionCheckFailure=ALL_OLD.
 */
public sealed interface TransactAction {

    String tableName();

    record Put(String tableName, Map<String, AttributeValue> item, Condition condition, boolean returnOnFailure)
            implements TransactAction {}

    record UpdateItem(
            String tableName,
            Map<String, AttributeValue> key,
            Update update,
            Condition condition,
            boolean returnOnFailure)
            implements TransactAction {}

    record Delete(String tableName, Map<String, AttributeValue> key, Condition condition, boolean returnOnFailure)
            implements TransactAction {}

    record Check(String tableName, Map<String, AttributeValue> key, Condition condition, boolean returnOnFailure)
            implements TransactAction {}
}
