package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.List;
import java.util.Map;

public final class LegacyParameters {
    public record ExpectedAttribute(
            AttributeValue value, Boolean exists, String comparisonOperator, List<AttributeValue> attributeValueList) {}

    public record LegacyCondition(String comparisonOperator, List<AttributeValue> attributeValueList) {}

    public record AttributeUpdate(AttributeValue value, String action) {}

    public static Condition expected(Map<String, ExpectedAttribute> expected, String conditionalOperator) {
        throw new UnsupportedOperationException();
    }

    public static Condition filter(Map<String, LegacyCondition> conditions, String conditionalOperator) {
        throw new UnsupportedOperationException();
    }

    public static Update attributeUpdates(Map<String, AttributeUpdate> updates) {
        throw new UnsupportedOperationException();
    }

    public static Projection attributesToGet(List<String> names) {
        throw new UnsupportedOperationException();
    }

    public static KeyCondition keyConditions(Map<String, LegacyCondition> conditions, String partitionKeyName) {
        throw new UnsupportedOperationException();
    }
}
