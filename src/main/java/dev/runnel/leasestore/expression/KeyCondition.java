package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Optional;

public record KeyCondition(String partitionKey, AttributeValue partitionValue, Optional<SortKeyCondition> sortKey) {}
