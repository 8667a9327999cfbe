package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The legacy (pre-expression) parameters, which the Kinesis Client Library still sends: {@code Expected},
 * {@code ScanFilter} and {@code QueryFilter}, {@code KeyConditions}, {@code AttributeUpdates} and
 * {@code AttributesToGet}, turned into the same {@link Condition}, {@link Update}, {@link Projection} and
 * {@link KeyCondition} as the expressions. Each method checks its input as DynamoDB does and throws
 * {@link ValidationException} with DynamoDB's wording; nothing else escapes.
 */
public final class LegacyParameters {

    /**
     * One entry of {@code Expected}: either {@code Value} and/or {@code Exists}, or {@code ComparisonOperator} with
     * {@code AttributeValueList} (or {@code Value}). Absent members are null.
     */
    public record ExpectedAttribute(
            AttributeValue value, Boolean exists, String comparisonOperator, List<AttributeValue> attributeValueList) {}

    /** One entry of {@code ScanFilter}, {@code QueryFilter} or {@code KeyConditions}. */
    public record LegacyCondition(String comparisonOperator, List<AttributeValue> attributeValueList) {}

    /** One entry of {@code AttributeUpdates}; {@code action} is {@code PUT} (the default, when null), ADD or DELETE. */
    public record AttributeUpdate(AttributeValue value, String action) {}

    private record Check(String attribute, LegacyComparison operator, List<AttributeValue> values) {}

    private LegacyParameters() {}

    /**
     * {@code Expected}: {@code Exists=false} alone means the attribute must be missing; {@code Value} alone (or with
     * {@code Exists=true}) means it must equal the value; a {@code ComparisonOperator} compares as in a filter.
     *
     * @param conditionalOperator {@code AND} (the default, when null) or {@code OR}
     */
    public static Condition expected(Map<String, ExpectedAttribute> expected, String conditionalOperator) {
        boolean or = or(conditionalOperator);
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, ExpectedAttribute> entry : entries(expected)) {
            checks.add(expectation(entry.getKey(), entry.getValue()));
        }
        return combined(checks, or);
    }

    private static Check expectation(String attribute, ExpectedAttribute expected) {
        String forAttribute = " for Attribute: " + attribute;
        if (expected == null) {
            throw LegacyComparison.invalid("Value must be provided when Exists is null" + forAttribute);
        }
        if (expected.attributeValueList() != null && expected.value() != null) {
            throw LegacyComparison.invalid("Value and AttributeValueList cannot be used together" + forAttribute);
        }
        if (expected.comparisonOperator() != null) {
            if (expected.exists() != null) {
                throw LegacyComparison.invalid("Exists and ComparisonOperator cannot be used together" + forAttribute);
            }
            LegacyComparison operator = LegacyComparison.of(expected.comparisonOperator());
            List<AttributeValue> values = expected.attributeValueList() != null
                    ? valueList(expected.attributeValueList())
                    : expected.value() != null ? List.of(expected.value()) : List.of();
            if (values.isEmpty() && operator != LegacyComparison.NULL && operator != LegacyComparison.NOT_NULL) {
                throw LegacyComparison.invalid(
                        "Value or AttributeValueList must be used with ComparisonOperator: " + operator + forAttribute);
            }
            operator.check(values, false);
            return new Check(attribute, operator, values);
        }
        if (expected.attributeValueList() != null) {
            throw LegacyComparison.invalid(
                    "AttributeValueList can only be used with a ComparisonOperator" + forAttribute);
        }
        boolean exists = expected.exists() == null || expected.exists();
        if (exists && expected.value() == null) {
            throw LegacyComparison.invalid("Value must be provided when Exists is " + expected.exists() + forAttribute);
        }
        if (!exists && expected.value() != null) {
            throw LegacyComparison.invalid("Value cannot be used when Exists is false" + forAttribute);
        }
        return exists
                ? new Check(attribute, LegacyComparison.EQ, List.of(expected.value()))
                : new Check(attribute, LegacyComparison.NULL, List.of());
    }

    /**
     * {@code ScanFilter} or {@code QueryFilter}.
     *
     * @param conditionalOperator {@code AND} (the default, when null) or {@code OR}
     */
    public static Condition filter(Map<String, LegacyCondition> conditions, String conditionalOperator) {
        boolean or = or(conditionalOperator);
        return combined(conditions(conditions), or);
    }

    /** {@code AttributeUpdates}: PUT replaces, DELETE removes (or, given a set, removes its members), ADD adds. */
    public static Update attributeUpdates(Map<String, AttributeUpdate> updates) {
        return new LegacyUpdate(updates == null ? Map.of() : updates);
    }

    /** {@code AttributesToGet}: the listed top-level attributes. */
    public static Projection attributesToGet(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new ValidationException("1 validation error detected: Value '[]' at 'attributesToGet' failed to "
                    + "satisfy constraint: Member must have length greater than or equal to 1");
        }
        Set<String> seen = new HashSet<>();
        List<Path> paths = new ArrayList<>();
        for (String name : names) {
            if (name == null || name.isEmpty()) {
                throw LegacyComparison.invalid("An attribute name in AttributesToGet is empty");
            }
            if (!seen.add(name)) {
                throw LegacyComparison.invalid("Duplicate value in attribute name: " + name);
            }
            paths.add(Path.of(name));
        }
        return new PathProjection(paths);
    }

    /** {@code KeyConditions}, for a schema whose partition key is known (its sort key is checked later). */
    public static KeyCondition keyConditions(Map<String, LegacyCondition> conditions, String partitionKeyName) {
        List<KeyConditionTerms.Term> terms = keyTerms(conditions);
        KeyConditionTerms.Term partition = terms.stream()
                .filter(term -> term.attribute().equals(partitionKeyName))
                .findFirst()
                .orElseThrow(() ->
                        new ValidationException("Query condition missed key schema element: " + partitionKeyName));
        List<KeyConditionTerms.Term> ordered = new ArrayList<>(List.of(partition));
        terms.stream().filter(term -> term != partition).forEach(ordered::add);
        String sortKeyName = ordered.size() > 1 ? ordered.get(1).attribute() : null;
        return KeyConditionTerms.withSchema(ordered, partitionKeyName, sortKeyName);
    }

    /** {@code KeyConditions} for a table or index with the given key schema ({@code sortKeyName} null if none). */
    public static KeyCondition keyConditions(
            Map<String, LegacyCondition> conditions, String partitionKeyName, String sortKeyName) {
        return KeyConditionTerms.withSchema(keyTerms(conditions), partitionKeyName, sortKeyName);
    }

    private static List<KeyConditionTerms.Term> keyTerms(Map<String, LegacyCondition> conditions) {
        List<Check> checks = conditions(conditions);
        if (checks.size() != 1 && checks.size() != 2) {
            throw new ValidationException("Conditions can be of length 1 or 2 only");
        }
        List<KeyConditionTerms.Term> terms = new ArrayList<>();
        for (Check check : checks) {
            if (!check.operator().indexable()) {
                throw new ValidationException("Attempted conditional constraint is not an indexable operation");
            }
            terms.add(new KeyConditionTerms.Term(
                    check.attribute(),
                    SortKeyCondition.Operator.valueOf(check.operator().name()),
                    check.values()));
        }
        return terms;
    }

    private static List<Check> conditions(Map<String, LegacyCondition> conditions) {
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, LegacyCondition> entry : entries(conditions)) {
            LegacyCondition condition = entry.getValue();
            LegacyComparison operator = LegacyComparison.of(condition == null ? null : condition.comparisonOperator());
            List<AttributeValue> values =
                    condition.attributeValueList() == null ? List.of() : valueList(condition.attributeValueList());
            operator.check(values, true);
            checks.add(new Check(entry.getKey(), operator, values));
        }
        return checks;
    }

    private static List<AttributeValue> valueList(List<AttributeValue> values) {
        if (values.stream().anyMatch(Objects::isNull)) {
            throw LegacyComparison.invalid("An AttributeValue in AttributeValueList is null");
        }
        return List.copyOf(values);
    }

    private static <T> Iterable<Map.Entry<String, T>> entries(Map<String, T> map) {
        if (map == null) {
            return List.of();
        }
        Map<String, T> copy = new LinkedHashMap<>(map);
        if (copy.containsKey(null)) {
            throw LegacyComparison.invalid("An attribute name is null");
        }
        return copy.entrySet();
    }

    private static boolean or(String conditionalOperator) {
        if (conditionalOperator == null || conditionalOperator.equals("AND")) {
            return false;
        }
        if (conditionalOperator.equals("OR")) {
            return true;
        }
        throw new ValidationException(
                "1 validation error detected: Value '" + conditionalOperator
                        + "' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]");
    }

    private static Condition combined(List<Check> checks, boolean or) {
        List<Check> all = List.copyOf(checks);
        Set<String> attributes = new LinkedHashSet<>();
        all.forEach(check -> attributes.add(check.attribute()));
        return new Condition() {
            @Override
            public boolean test(Map<String, AttributeValue> item) {
                for (Check check : all) {
                    boolean holds = check.operator().test(item.get(check.attribute()), check.values());
                    if (holds == or) {
                        return or;
                    }
                }
                return !or || all.isEmpty();
            }

            @Override
            public Set<String> topLevelAttributes() {
                return Collections.unmodifiableSet(attributes);
            }
        };
    }
}
