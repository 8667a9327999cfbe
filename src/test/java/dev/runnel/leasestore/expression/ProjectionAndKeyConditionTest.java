package dev.runnel.leasestore.expression;

import static dev.runnel.leasestore.expression.Items.b;
import static dev.runnel.leasestore.expression.Items.item;
import static dev.runnel.leasestore.expression.Items.l;
import static dev.runnel.leasestore.expression.Items.m;
import static dev.runnel.leasestore.expression.Items.n;
import static dev.runnel.leasestore.expression.Items.names;
import static dev.runnel.leasestore.expression.Items.s;
import static dev.runnel.leasestore.expression.Items.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.leasestore.expression.SortKeyCondition.Operator;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Projections keep what they name (nested structure included); key conditions take the shapes a query allows. */
class ProjectionAndKeyConditionTest {

    private static final Map<String, AttributeValue> ITEM = item(
            "id", s("k"),
            "count", n(10),
            "list", l(s("l0"), s("l1"), s("l2"), s("l3")),
            "map", m("a", n(1), "b", m("c", n(2), "d", n(3)), "l", l(m("x", n(1), "y", n(2)))));

    private static Map<String, AttributeValue> project(String expression) {
        return new ExpressionContext(names("#m", "map"), null)
                .projection(expression)
                .apply(ITEM);
    }

    @Test
    void projectionKeepsTopLevelAttributesAndIgnoresMissingOnes() {
        assertThat(project("id, count, missing, map.missing, list[9]")).isEqualTo(item("id", s("k"), "count", n(10)));
    }

    @Test
    void projectionKeepsTheStructureAroundNestedPaths() {
        assertThat(project("#m.b.c, #m.a")).isEqualTo(item("map", m("b", m("c", n(2)), "a", n(1))));
        assertThat(project("list[3], list[1]")).isEqualTo(item("list", l(s("l1"), s("l3"))));
        assertThat(project("#m.l[0].y")).isEqualTo(item("map", m("l", l(m("y", n(2))))));
    }

    @Test
    void projectionWordsAreNamesEvenWhenTheyAreKeywordsElsewhere() {
        Map<String, AttributeValue> item = item("and", n(1), "SET", n(2), "size", n(3));
        Projection projection = new ExpressionContext(null, null).projection("and, SET, size");
        assertThat(projection.apply(item)).isEqualTo(item);
    }

    @Test
    void keyConditionsTakeEqualityAndOneSortKeyConditionInEitherOrder() {
        Map<String, AttributeValue> values = values(":p", s("pk"), ":a", n(1), ":b", n(5), ":pre", s("ab"));
        assertThat(key("pk = :p", values)).isEqualTo(new KeyCondition("pk", s("pk"), Optional.empty()));
        assertThat(key("pk = :p AND sk < :a", values)).isEqualTo(sorted(Operator.LT, n(1)));
        assertThat(key("sk <= :a AND pk = :p", values)).isEqualTo(sorted(Operator.LE, n(1)));
        assertThat(key("(pk = :p) AND (:a < sk)", values)).isEqualTo(sorted(Operator.GT, n(1)));
        assertThat(key("pk = :p and :a >= sk", values)).isEqualTo(sorted(Operator.LE, n(1)));
        assertThat(key("(pk = :p AND sk BETWEEN :a AND :b)", values)).isEqualTo(sorted(Operator.BETWEEN, n(1), n(5)));
        assertThat(key("begins_with(sk, :pre) AND pk = :p", values)).isEqualTo(sorted(Operator.BEGINS_WITH, s("ab")));
        assertThat(key("pk = :p AND sk = :a", values).forSchema("pk", "sk")).isEqualTo(sorted(Operator.EQ, n(1)));
        assertThat(key("sk = :a AND pk = :p", values).forSchema("pk", "sk")).isEqualTo(sorted(Operator.EQ, n(1)));
        assertThat(new ExpressionContext(null, values).keyCondition("sk = :a AND pk = :p", "pk", "sk"))
                .isEqualTo(sorted(Operator.EQ, n(1)));
    }

    private static KeyCondition key(String expression, Map<String, AttributeValue> values) {
        return new ExpressionContext(null, values).keyCondition(expression);
    }

    private static KeyCondition sorted(Operator operator, AttributeValue... operands) {
        return new KeyCondition("pk", s("pk"), Optional.of(new SortKeyCondition("sk", operator, List.of(operands))));
    }

    @Test
    void sortKeyConditionsCompareWithinOneType() {
        SortKeyCondition between = new SortKeyCondition("sk", Operator.BETWEEN, List.of(n(1), n(5)));
        assertThat(between.test(n(1))).isTrue();
        assertThat(between.test(n(5))).isTrue();
        assertThat(between.test(n(6))).isFalse();
        assertThat(between.test(s("3"))).isFalse();
        assertThat(between.test(null)).isFalse();
        SortKeyCondition prefix = new SortKeyCondition("sk", Operator.BEGINS_WITH, List.of(b(1, 2)));
        assertThat(prefix.test(b(1, 2, 3))).isTrue();
        assertThat(prefix.test(b(1))).isFalse();
        assertThat(new SortKeyCondition("sk", Operator.GT, List.of(s("a"))).test(s("b")))
                .isTrue();
    }

    @Test
    void keyConditionsRefuseWhatAQueryCannotDo() {
        Map<String, AttributeValue> values = values(":p", s("pk"), ":a", n(1), ":b", n(2));
        assertKeyFails("pk = :p OR sk = :a", values, "Invalid operator used in KeyConditionExpression: OR");
        assertKeyFails("NOT pk = :p", values, "Invalid operator used in KeyConditionExpression: NOT");
        assertKeyFails("pk IN (:p)", values, "Invalid operator used in KeyConditionExpression: IN");
        assertKeyFails("pk <> :p", values, "Invalid operator used in KeyConditionExpression: <>");
        assertKeyFails(
                "pk = :p AND attribute_exists(sk)",
                values,
                "Invalid operator used in KeyConditionExpression: attribute_exists");
        assertKeyFails("pk = :p AND size(sk) = :a", values, "KeyConditionExpressions cannot contain nested operations");
        assertKeyFails(
                "pk = sk",
                values,
                "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
        assertKeyFails(":p = :a", values, "Invalid condition in KeyConditionExpression: No key attribute specified");
        assertKeyFails("pk.a = :p", values, "KeyConditionExpressions cannot have conditions on nested attributes");
        assertKeyFails(
                "pk = :p AND pk = :a", values, "KeyConditionExpressions must only contain one condition per key");
        assertKeyFails("pk = :p AND a = :a AND b = :b", values, "Conditions can be of length 1 or 2 only");
        assertKeyFails(
                "pk = :p AND :a BETWEEN sk AND :b",
                values,
                "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its "
                        + "first operand");
        assertKeyFails("sk < :a", values, "Query key condition not supported");
    }

    @Test
    void keyConditionsAreCheckedAgainstTheSchema() {
        Map<String, AttributeValue> values = values(":p", s("pk"), ":a", n(1));
        ExpressionContext context = new ExpressionContext(null, values);
        assertThatThrownBy(() -> context.keyCondition("sk = :a", "pk", "sk"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Query condition missed key schema element: pk");
        assertThatThrownBy(() -> context.keyCondition("pk = :p AND other > :a", "pk", "sk"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Query condition missed key schema element: sk");
        assertThatThrownBy(() -> context.keyCondition("pk = :p AND sk > :a", "pk", null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Query key condition not supported");
        assertThatThrownBy(() -> context.keyCondition("pk > :p AND sk = :a", "pk", "sk"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Query key condition not supported");
    }

    private static void assertKeyFails(String expression, Map<String, AttributeValue> values, String message) {
        assertThatThrownBy(() -> new ExpressionContext(null, values).keyCondition(expression))
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);
    }
}
