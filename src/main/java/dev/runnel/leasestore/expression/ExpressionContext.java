package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;

public final class ExpressionContext {
    public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {}

    public Condition condition(String text, String parameter) {
        throw new UnsupportedOperationException();
    }

    public Update update(String text) {
        throw new UnsupportedOperationException();
    }

    public Projection projection(String text) {
        throw new UnsupportedOperationException();
    }

    public KeyCondition keyCondition(String text) {
        throw new UnsupportedOperationException();
    }

    public void checkAllUsed() {}
}
