package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;
import java.util.Set;

public interface Update {
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    Set<String> topLevelAttributes();
}
