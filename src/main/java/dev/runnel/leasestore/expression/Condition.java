package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;

public interface Condition {
    boolean test(Map<String, AttributeValue> item);
}
