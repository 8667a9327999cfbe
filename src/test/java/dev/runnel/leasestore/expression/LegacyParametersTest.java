package dev.runnel.leasestore.expression;

import static dev.runnel.leasestore.expression.Items.item;
import static dev.runnel.leasestore.expression.Items.l;
import static dev.runnel.leasestore.expression.Items.m;
import static dev.runnel.leasestore.expression.Items.n;
import static dev.runnel.leasestore.expression.Items.ns;
import static dev.runnel.leasestore.expression.Items.s;
import static dev.runnel.leasestore.expression.Items.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.leasestore.expression.LegacyParameters.AttributeUpdate;
import dev.runnel.leasestore.expression.LegacyParameters.ExpectedAttribute;
import dev.runnel.leasestore.expression.LegacyParameters.LegacyCondition;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The legacy parameters in the shapes KCL's DynamoDBLeaseSerializer and DynamoDBLeaseRefresher send them
 * (renew, take, evict, update, create, assign, graceful handoff; the coordinator's migration state), and
 * DynamoDB's checks of them.
 */
class LegacyParametersTest {

    private static final Map<String, AttributeValue> LEASE = item(
            "leaseKey", s("shardId-000000000001"),
            "leaseOwner", s("worker-1"),
            "leaseCounter", n(7),
            "ownerSwitchesSinceCheckpoint", n(0),
            "checkpoint", s("49590338271490256608559692538361571095921575989136588898"),
            "checkpointSubSequenceNumber", n(0),
            "pendingCheckpoint", s("4959"),
            "pendingCheckpointSubSequenceNumber", n(0),
            "parentShardId", ss("shardId-000000000000"));

    private static ExpectedAttribute value(AttributeValue value) {
        return new ExpectedAttribute(value, null, null, null);
    }

    private static ExpectedAttribute absent() {
        return new ExpectedAttribute(null, false, null, null);
    }

    private static AttributeUpdate put(AttributeValue value) {
        return new AttributeUpdate(value, "PUT");
    }

    private static AttributeUpdate add(AttributeValue value) {
        return new AttributeUpdate(value, "ADD");
    }

    private static AttributeUpdate delete() {
        return new AttributeUpdate(null, "DELETE");
    }

    private static <T> Map<String, T> map(Object... keysAndValues) {
        Map<String, T> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            T value = (T) keysAndValues[i + 1];
            map.put((String) keysAndValues[i], value);
        }
        return map;
    }

    @Test
    void renewLeaseExpectsTheCounterAndNoCheckpointOwnerThenPutsTheNextCounter() {
        Condition expected =
                LegacyParameters.expected(map("leaseCounter", value(n(7)), "checkpointOwner", absent()), null);
        Update update =
                LegacyParameters.attributeUpdates(map("leaseCounter", put(n(8)), "throughputKBps", put(n("12.5"))));
        assertThat(expected.test(LEASE)).isTrue();
        Map<String, AttributeValue> renewed = update.apply(LEASE);
        assertThat(renewed).containsEntry("leaseCounter", n(8)).containsEntry("throughputKBps", n("12.5"));
        assertThat(expected.test(renewed)).isFalse();
        Map<String, AttributeValue> handingOff = new LinkedHashMap<>(LEASE);
        handingOff.put("checkpointOwner", s("worker-1"));
        assertThat(expected.test(handingOff)).isFalse();
        assertThat(update.topLevelAttributes()).containsExactly("leaseCounter", "throughputKBps");
    }

    @Test
    void createLeaseIfNotExistsExpectsNoLeaseKey() {
        Condition expected = LegacyParameters.expected(map("leaseKey", absent()), null);
        assertThat(expected.test(Map.of())).isTrue();
        assertThat(expected.test(LEASE)).isFalse();
    }

    @Test
    void takeLeasePutsTheOwnerDropsTheCheckpointOwnerAndCountsTheSwitch() {
        Condition expected = LegacyParameters.expected(map("leaseCounter", value(n(7))), null);
        Update update = LegacyParameters.attributeUpdates(map(
                "leaseCounter", put(n(8)),
                "leaseOwner", put(s("worker-2")),
                "checkpointOwner", delete(),
                "ownerSwitchesSinceCheckpoint", add(n(1))));
        assertThat(expected.test(LEASE)).isTrue();
        Map<String, AttributeValue> taken = update.apply(LEASE);
        assertThat(taken)
                .containsEntry("leaseOwner", s("worker-2"))
                .containsEntry("leaseCounter", n(8))
                .containsEntry("ownerSwitchesSinceCheckpoint", n(1))
                .doesNotContainKey("checkpointOwner");
        assertThat(LEASE).containsEntry("leaseOwner", s("worker-1"));
    }

    @Test
    void evictLeaseExpectsTheOwnerThenRemovesItAndAddsToTheCounter() {
        Condition expected =
                LegacyParameters.expected(map("leaseOwner", value(s("worker-1")), "checkpointOwner", absent()), null);
        Update update = LegacyParameters.attributeUpdates(
                map("leaseOwner", delete(), "checkpointOwner", delete(), "leaseCounter", add(n(1))));
        assertThat(expected.test(LEASE)).isTrue();
        Map<String, AttributeValue> evicted = update.apply(LEASE);
        assertThat(evicted).doesNotContainKey("leaseOwner").containsEntry("leaseCounter", n(8));
        assertThat(expected.test(evicted)).isFalse();
    }

    @Test
    void updateLeasePutsTheCheckpointAndDeletesThePendingOne() {
        Update update = LegacyParameters.attributeUpdates(map(
                "checkpoint", put(s("4960")),
                "checkpointSubSequenceNumber", put(n(3)),
                "ownerSwitchesSinceCheckpoint", put(n(0)),
                "pendingCheckpoint", delete(),
                "pendingCheckpointSubSequenceNumber", delete(),
                "pendingCheckpointState", delete(),
                "childShardIds", put(ss("shardId-000000000002", "shardId-000000000003"))));
        Map<String, AttributeValue> updated = update.apply(LEASE);
        assertThat(updated)
                .containsEntry("checkpoint", s("4960"))
                .containsEntry("checkpointSubSequenceNumber", n(3))
                .containsEntry("childShardIds", ss("shardId-000000000003", "shardId-000000000002"))
                .doesNotContainKeys(
                        "pendingCheckpoint", "pendingCheckpointSubSequenceNumber", "pendingCheckpointState");
    }

    @Test
    void assignLeaseAndGracefulHandoffExpectTheKeyToExistWithItsValue() {
        Condition assign = LegacyParameters.expected(
                map("leaseKey", new ExpectedAttribute(s("shardId-000000000001"), true, null, null)), null);
        assertThat(assign.test(LEASE)).isTrue();
        assertThat(assign.test(Map.of())).isFalse();
        Condition handoff = LegacyParameters.expected(
                map(
                        "leaseOwner", value(s("worker-1")),
                        "checkpointOwner", absent(),
                        "leaseKey", new ExpectedAttribute(s("shardId-000000000001"), true, null, null)),
                null);
        assertThat(handoff.test(LEASE)).isTrue();
        Update update = LegacyParameters.attributeUpdates(
                map("checkpointOwner", put(s("worker-1")), "leaseOwner", put(s("worker-2"))));
        assertThat(handoff.test(update.apply(LEASE))).isFalse();
    }

    @Test
    void migrationStateExpectsTheClientVersionAndPutsItsHistory() {
        Condition expected = LegacyParameters.expected(map("cv", value(s("CLIENT_VERSION_UPGRADE_FROM_2X"))), null);
        Update update = LegacyParameters.attributeUpdates(map(
                "cv", put(s("CLIENT_VERSION_3X")),
                "mb", put(s("worker-1")),
                "mts", put(n(1700000000000L)),
                "h", put(l(m("cv", s("CLIENT_VERSION_UPGRADE_FROM_2X"), "mb", s("worker-0"), "mts", n(1))))));
        Map<String, AttributeValue> state = item("key", s("Migration3.0"), "cv", s("CLIENT_VERSION_UPGRADE_FROM_2X"));
        assertThat(expected.test(state)).isTrue();
        Map<String, AttributeValue> after = update.apply(state);
        assertThat(after).containsEntry("cv", s("CLIENT_VERSION_3X")).containsKey("h");
        assertThat(expected.test(after)).isFalse();
    }

    @Test
    void comparisonOperatorsCompareAsFiltersDo() {
        Map<String, AttributeValue> lease = LEASE;
        assertThat(expect("leaseCounter", "GT", n(6)).test(lease)).isTrue();
        assertThat(expect("leaseCounter", "LE", n(6)).test(lease)).isFalse();
        assertThat(expect("leaseOwner", "NE", s("worker-2")).test(lease)).isTrue();
        assertThat(expect("checkpointOwner", "NE", s("worker-2")).test(lease)).isTrue();
        assertThat(expect("leaseOwner", "BEGINS_WITH", s("work")).test(lease)).isTrue();
        assertThat(expect("parentShardId", "CONTAINS", s("shardId-000000000000"))
                        .test(lease))
                .isTrue();
        assertThat(expect("parentShardId", "NOT_CONTAINS", s("shardId-000000000000"))
                        .test(lease))
                .isFalse();
        assertThat(expect("leaseCounter", "IN", n(1), n(7)).test(lease)).isTrue();
        assertThat(expect("leaseCounter", "BETWEEN", n(7), n(9)).test(lease)).isTrue();
        assertThat(expect("leaseOwner", "NOT_NULL").test(lease)).isTrue();
        assertThat(expect("checkpointOwner", "NULL").test(lease)).isTrue();
        assertThat(expect("leaseCounter", "EQ", s("7")).test(lease)).isFalse();
    }

    private static Condition expect(String attribute, String operator, AttributeValue... values) {
        return LegacyParameters.expected(
                map(attribute, new ExpectedAttribute(null, null, operator, List.of(values))), null);
    }

    @Test
    void conditionalOperatorOrNeedsOnlyOneExpectation() {
        Map<String, ExpectedAttribute> expected = map("leaseOwner", value(s("worker-9")), "leaseCounter", value(n(7)));
        assertThat(LegacyParameters.expected(expected, "AND").test(LEASE)).isFalse();
        assertThat(LegacyParameters.expected(expected, "OR").test(LEASE)).isTrue();
        assertThat(LegacyParameters.expected(Map.of(), "OR").test(LEASE)).isTrue();
        assertThat(LegacyParameters.expected(null, null).test(Map.of())).isTrue();
        assertThat(LegacyParameters.expected(expected, "OR").topLevelAttributes())
                .containsExactly("leaseOwner", "leaseCounter");
        assertThatThrownBy(() -> LegacyParameters.expected(expected, "XOR"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Member must satisfy enum value set: [OR, AND]");
    }

    @Test
    void expectedEntriesAreCheckedAsDynamoDbChecksThem() {
        assertInvalid(
                map("x", new ExpectedAttribute(null, true, null, null)),
                "One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: x");
        assertInvalid(
                map("x", new ExpectedAttribute(null, null, null, null)),
                "One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: x");
        assertInvalid(
                map("x", new ExpectedAttribute(s("a"), false, null, null)),
                "One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: x");
        assertInvalid(
                map("x", new ExpectedAttribute(null, true, "EQ", List.of(s("a")))),
                "One or more parameter values were invalid: Exists and ComparisonOperator cannot be used together for "
                        + "Attribute: x");
        assertInvalid(
                map("x", new ExpectedAttribute(null, null, null, List.of(s("a")))),
                "One or more parameter values were invalid: AttributeValueList can only be used with a "
                        + "ComparisonOperator for Attribute: x");
        assertInvalid(
                map("x", new ExpectedAttribute(s("a"), null, "EQ", List.of(s("a")))),
                "One or more parameter values were invalid: Value and AttributeValueList cannot be used together for "
                        + "Attribute: x");
        assertInvalid(
                map("x", new ExpectedAttribute(null, null, "EQ", null)),
                "One or more parameter values were invalid: Value or AttributeValueList must be used with "
                        + "ComparisonOperator: EQ for Attribute: x");
        assertInvalid(
                map("x", new ExpectedAttribute(null, null, "BETWEEN", List.of(n(1)))),
                "One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN "
                        + "ComparisonOperator");
        assertInvalid(
                map("x", new ExpectedAttribute(null, null, "NULL", List.of(n(1)))),
                "One or more parameter values were invalid: Invalid number of argument(s) for the NULL ComparisonOperator");
        assertInvalid(
                map("x", new ExpectedAttribute(null, null, "BETWEEN", List.of(n(9), n(1)))),
                "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        assertInvalid(
                map("x", new ExpectedAttribute(null, null, "IN", List.of(n(9), s("1")))),
                "One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type");
    }

    @Test
    void nullsInTheInputAreValidationErrorsToo() {
        List<AttributeValue> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() ->
                        LegacyParameters.expected(map("x", new ExpectedAttribute(null, null, "IN", withNull)), null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> LegacyParameters.filter(map("x", null), null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> LegacyParameters.expected(map("x", null), null))
                .isInstanceOf(ValidationException.class);
        Map<String, AttributeUpdate> nullUpdate = new LinkedHashMap<>();
        nullUpdate.put("x", null);
        assertThatThrownBy(() -> LegacyParameters.attributeUpdates(nullUpdate)).isInstanceOf(ValidationException.class);
    }

    private static void assertInvalid(Map<String, ExpectedAttribute> expected, String message) {
        assertThatThrownBy(() -> LegacyParameters.expected(expected, null))
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);
    }

    @Test
    void attributeUpdatesAreCheckedAsDynamoDbChecksThem() {
        assertThatThrownBy(() -> LegacyParameters.attributeUpdates(map("x", new AttributeUpdate(null, "PUT"))))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "One or more parameter values were invalid: Only DELETE action is allowed when no attribute "
                                + "value is specified");
        assertThatThrownBy(() -> LegacyParameters.attributeUpdates(map("x", new AttributeUpdate(s("a"), "DELETE"))))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "One or more parameter values were invalid: DELETE action with value is not supported for the "
                                + "type S");
        assertThatThrownBy(() -> LegacyParameters.attributeUpdates(map("x", new AttributeUpdate(s("a"), "ADD"))))
                .isInstanceOf(ValidationException.class)
                .hasMessage("One or more parameter values were invalid: ADD action is not supported for the type S");
        Update addToString = LegacyParameters.attributeUpdates(map("leaseOwner", add(n(1))));
        assertThatThrownBy(() -> addToString.apply(LEASE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Type mismatch for attribute to update");
    }

    @Test
    void attributeUpdatesAddAndDeleteSetMembersAndAppendLists() {
        Update update = LegacyParameters.attributeUpdates(map(
                "tags", add(ss("b", "c")),
                "numbers", new AttributeUpdate(ns(1, 2), "DELETE"),
                "history", add(l(s("2"))),
                "fresh", add(ns(5)),
                "counter", add(n(-3))));
        Map<String, AttributeValue> after =
                update.apply(item("tags", ss("a", "b"), "numbers", ns(1, 2), "history", l(s("1"))));
        assertThat(after)
                .containsEntry("tags", ss("a", "b", "c"))
                .containsEntry("history", l(s("1"), s("2")))
                .containsEntry("fresh", ns(5))
                .containsEntry("counter", n(-3))
                .doesNotContainKey("numbers");
    }

    @Test
    void filtersCheckValueTypesToo() {
        Condition filter =
                LegacyParameters.filter(map("leaseOwner", new LegacyCondition("EQ", List.of(s("worker-1")))), null);
        assertThat(filter.test(LEASE)).isTrue();
        assertThatThrownBy(() ->
                        LegacyParameters.filter(map("x", new LegacyCondition("BEGINS_WITH", List.of(n(1)))), null))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N "
                                + "AttributeValue type");
        assertThatThrownBy(() -> LegacyParameters.filter(map("x", new LegacyCondition("LIKE", List.of(n(1)))), null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("failed to satisfy constraint: Member must satisfy enum value set");
    }

    @Test
    void attributesToGetKeepsTheListedAttributes() {
        Projection projection = LegacyParameters.attributesToGet(List.of("leaseKey", "leaseCounter", "missing"));
        assertThat(projection.apply(LEASE)).containsOnlyKeys("leaseKey", "leaseCounter");
        assertThatThrownBy(() -> LegacyParameters.attributesToGet(List.of("a", "a")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("One or more parameter values were invalid: Duplicate value in attribute name: a");
    }

    @Test
    void keyConditionsNeedAnEqualityOnThePartitionKey() {
        KeyCondition key = LegacyParameters.keyConditions(
                map(
                        "checkpoint", new LegacyCondition("BEGINS_WITH", List.of(s("4959"))),
                        "leaseOwner", new LegacyCondition("EQ", List.of(s("worker-1")))),
                "leaseOwner");
        assertThat(key)
                .isEqualTo(new KeyCondition(
                        "leaseOwner",
                        s("worker-1"),
                        Optional.of(new SortKeyCondition(
                                "checkpoint", SortKeyCondition.Operator.BEGINS_WITH, List.of(s("4959"))))));
        assertThat(key.test(LEASE)).isTrue();
        assertThatThrownBy(() -> LegacyParameters.keyConditions(
                        map("leaseOwner", new LegacyCondition("GT", List.of(s("a")))), "leaseOwner"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Query key condition not supported");
        assertThatThrownBy(() -> LegacyParameters.keyConditions(
                        map("leaseOwner", new LegacyCondition("NE", List.of(s("a")))), "leaseOwner"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Attempted conditional constraint is not an indexable operation");
        assertThatThrownBy(() -> LegacyParameters.keyConditions(
                        map("other", new LegacyCondition("EQ", List.of(s("a")))), "leaseOwner"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Query condition missed key schema element: leaseOwner");
        assertThatThrownBy(() -> LegacyParameters.keyConditions(Map.of(), "leaseOwner"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Conditions can be of length 1 or 2 only");
    }
}
