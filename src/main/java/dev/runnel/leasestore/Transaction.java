package dev.runnel.leasestore;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ConditionalCheckFailedException;
import dev.runnel.leasestore.model.TransactionCanceledException;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Checks every action of a TransactWriteItems call against the state before any is applied. */
final class Transaction {

    private record ItemRef(String table, PrimaryKey key) {}

    private Transaction() {}

    /**
     * @param tables finds a table by name (ResourceNotFoundException if it is gone)
     * @return the writes to apply, in request order (condition checks included, as no-op writes)
     * @throws TransactionCanceledException with one reason per action if any condition fails
     * @throws ValidationException if two actions name one item, or an action is malformed
     */
    static List<PendingWrite> prepare(List<TransactAction> actions, Function<String, Table> tables) {
        List<PendingWrite> writes = new ArrayList<>();
        List<TransactionCanceledException.Reason> reasons = new ArrayList<>();
        boolean failed = false;
        Set<ItemRef> touched = new HashSet<>();
        for (TransactAction action : actions) {
            Table table = tables.apply(action.tableName());
            PrimaryKey key = table.definition().keySchema().keyOfItem(keyOrItem(action));
            if (!touched.add(new ItemRef(action.tableName(), key))) {
                throw new ValidationException("Transaction request cannot include multiple operations on one item");
            }
            try {
                writes.add(prepare(table, action));
                reasons.add(TransactionCanceledException.Reason.none());
            } catch (ConditionalCheckFailedException e) {
                failed = true;
                reasons.add(new TransactionCanceledException.Reason(
                        "ConditionalCheckFailed", e.getMessage(), e.item().orElse(null)));
            }
        }
        if (failed) {
            throw new TransactionCanceledException(reasons);
        }
        return writes;
    }

    private static Map<String, AttributeValue> keyOrItem(TransactAction action) {
        if (action instanceof TransactAction.Put put) {
            return put.item();
        } else if (action instanceof TransactAction.UpdateItem update) {
            return update.key();
        } else if (action instanceof TransactAction.Delete delete) {
            return delete.key();
        }
        return ((TransactAction.Check) action).key();
    }

    private static PendingWrite prepare(Table table, TransactAction action) {
        if (action instanceof TransactAction.Put put) {
            return table.preparePut(put.item(), put.condition(), put.returnOnFailure());
        } else if (action instanceof TransactAction.UpdateItem update) {
            return table.prepareUpdate(update.key(), update.update(), update.condition(), update.returnOnFailure());
        } else if (action instanceof TransactAction.Delete delete) {
            return table.prepareDelete(delete.key(), delete.condition(), delete.returnOnFailure());
        }
        TransactAction.Check check = (TransactAction.Check) action;
        return table.prepareCheck(check.key(), check.condition(), check.returnOnFailure());
    }
}
