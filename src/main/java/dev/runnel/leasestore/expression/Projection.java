package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;

public interface Projection {
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);
}
