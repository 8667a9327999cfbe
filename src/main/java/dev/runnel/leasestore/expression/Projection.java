package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;

/**
 * A parsed projection ({@code ProjectionExpression} or the legacy {@code AttributesToGet}). Immutable and
 * thread-safe.
 */
public interface Projection {

    /**
     * The item with only the projected attributes. A nested path keeps the structure around what it selects:
     * {@code a.b} gives {@code {a: {b: ...}}}, {@code l[3]} gives {@code {l: [element 3]}} (elements selected
     * from one list keep their order). Paths that lead nowhere add nothing.
     *
     * @param item the item's attributes; not modified
     * @return a new map
     */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);
}
