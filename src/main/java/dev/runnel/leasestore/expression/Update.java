package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;
import java.util.Set;

/**
 * A parsed update ({@code UpdateExpression} or the legacy {@code AttributeUpdates}). Immutable and thread-safe.
 */
public interface Update {

    /**
     * The item after the update. Every operand is evaluated on the item as it was before the update.
     *
     * @param item the item's attributes (an empty map when the key has no item yet); not modified
     * @return a new map
     * @throws dev.runnel.leasestore.model.ValidationException when an operand has the wrong type for its action
     *     ({@code An operand in the update expression has an incorrect data type}), refers to a missing attribute,
     *     or a document path does not fit the item
     */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    /**
     * The top-level attribute names this update sets, removes or changes: for the key-attribute check and for
     * {@code ReturnValues} {@code UPDATED_OLD} and {@code UPDATED_NEW}.
     */
    Set<String> topLevelAttributes();
}
