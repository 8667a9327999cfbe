package dev.runnel.leasestore.expression;

import static dev.runnel.leasestore.expression.Items.b;
import static dev.runnel.leasestore.expression.Items.bool;
import static dev.runnel.leasestore.expression.Items.item;
import static dev.runnel.leasestore.expression.Items.l;
import static dev.runnel.leasestore.expression.Items.m;
import static dev.runnel.leasestore.expression.Items.n;
import static dev.runnel.leasestore.expression.Items.names;
import static dev.runnel.leasestore.expression.Items.ns;
import static dev.runnel.leasestore.expression.Items.nul;
import static dev.runnel.leasestore.expression.Items.s;
import static dev.runnel.leasestore.expression.Items.ss;
import static dev.runnel.leasestore.expression.Items.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What conditions mean: comparisons across types, missing attributes, functions, precedence, paths. */
class ConditionExpressionTest {

    private static final Map<String, AttributeValue> ITEM = item(
            "name", s("lease-7"),
            "count", n(7),
            "blob", b(1, 2, 3),
            "flag", bool(true),
            "nothing", nul(),
            "tags", ss("a", "b"),
            "scores", ns(1, 2, 3),
            "list", l(s("x"), n(1), m("k", s("v"))),
            "map", m("inner", m("deep", n(42)), "items", l(n(10), n(20))),
            "unicode", s("é"));

    private static final Map<String, AttributeValue> VALUES = values(
            ":s", s("lease-7"),
            ":n", n(7),
            ":n6", n(6),
            ":n8", n(8),
            ":sn", s("7"),
            ":b", b(1, 2, 3),
            ":b12", b(1, 2),
            ":b2", b(2),
            ":prefix", s("lease"),
            ":tags", ss("b", "a"),
            ":x", s("x"),
            ":map", m("k", s("v")),
            ":a", s("a"),
            ":one", n(1),
            ":type", s("NS"),
            ":true", bool(true));

    private static boolean test(String expression) {
        ExpressionContext context = new ExpressionContext(names("#n", "name", "#m", "map"), VALUES);
        return context.condition(expression, "ConditionExpression").test(ITEM);
    }

    @Test
    void comparesNumbersByValueAndStringsByBytes() {
        assertThat(test("count = :n")).isTrue();
        assertThat(test("count < :n8 AND count > :n6 AND count <= :n AND count >= :n"))
                .isTrue();
        assertThat(test("#n = :s AND #n >= :prefix AND #n > :prefix")).isTrue();
        assertThat(test("unicode > :x")).isTrue();
        assertThat(test("blob > :b12 AND blob < :b2")).isTrue();
    }

    @Test
    void valuesOfDifferentTypesAreNeverEqualNorOrdered() {
        assertThat(test("count = :sn")).isFalse();
        assertThat(test("count <> :sn")).isTrue();
        assertThat(test("count < :sn OR count > :sn OR count <= :sn OR count >= :sn"))
                .isFalse();
        assertThat(test("flag < :true OR flag > :true")).isFalse();
        assertThat(test("flag = :true")).isTrue();
    }

    @Test
    void aMissingAttributeMakesComparisonsFalseExceptNotEqual() {
        assertThat(test("missing = :n")).isFalse();
        assertThat(test("missing < :n OR missing >= :n")).isFalse();
        assertThat(test("missing <> :n")).isTrue();
        assertThat(test("missing BETWEEN :n6 AND :n8")).isFalse();
        assertThat(test("missing IN (:n, :s)")).isFalse();
        assertThat(test("NOT missing = :n")).isTrue();
    }

    @Test
    void setsAreEqualWhateverTheOrderAndDocumentsCompareByContent() {
        assertThat(test("tags = :tags")).isTrue();
        assertThat(test("list[2] = :map")).isTrue();
        assertThat(test("#m.inner.deep = :n")).isFalse();
    }

    @Test
    void betweenAndInIncludeTheirBounds() {
        assertThat(test("count BETWEEN :n AND :n8")).isTrue();
        assertThat(test("count BETWEEN :n6 AND :n")).isTrue();
        assertThat(test("count BETWEEN :n8 AND :n8")).isFalse();
        assertThat(test("count IN (:n6, :n)")).isTrue();
        assertThat(test("count IN (:sn)")).isFalse();
    }

    @Test
    void existenceAndTypeFunctions() {
        assertThat(test("attribute_exists(count) AND attribute_not_exists(missing)"))
                .isTrue();
        assertThat(test("attribute_exists(nothing)")).isTrue();
        assertThat(test("attribute_exists(#m.inner.deep) AND attribute_not_exists(#m.inner.shallow)"))
                .isTrue();
        assertThat(test("attribute_exists(#m.items[1]) AND attribute_not_exists(#m.items[2])"))
                .isTrue();
        assertThat(test("attribute_type(scores, :type)")).isTrue();
        assertThat(test("attribute_type(tags, :type)")).isFalse();
    }

    @Test
    void containsLooksInStringsBinariesSetsAndLists() {
        assertThat(test("contains(#n, :prefix)")).isTrue();
        assertThat(test("contains(blob, :b2)")).isTrue();
        assertThat(test("contains(tags, :a)")).isTrue();
        assertThat(test("contains(scores, :one) AND contains(list, :x) AND contains(list, :one)"))
                .isTrue();
        assertThat(test("contains(list, :map)")).isTrue();
        assertThat(test("contains(count, :one) OR contains(missing, :a) OR contains(tags, :x)"))
                .isFalse();
    }

    @Test
    void beginsWithTakesStringsAndBinaries() {
        assertThat(test("begins_with(#n, :prefix) AND begins_with(blob, :b12)")).isTrue();
        assertThat(test("begins_with(blob, :b2) OR begins_with(tags, :a) OR begins_with(missing, :prefix)"))
                .isFalse();
    }

    @Test
    void sizeCountsBytesMembersAndElements() {
        ExpressionContext context = new ExpressionContext(null, values(":3", n(3), ":2", n(2), ":7", n(7), ":1", n(1)));
        Condition condition = context.condition(
                "size(blob) = :3 AND size(tags) = :2 AND size(name) = :7 AND size(list) = :3 AND size(map) = :2 "
                        + "AND size(unicode) = :2 AND size(map.items) = :2",
                "FilterExpression");
        assertThat(condition.test(ITEM)).isTrue();
        Condition sizeOfNumber = new ExpressionContext(null, values(":1", n(1)))
                .condition("size(count) = :1 OR size(missing) = :1 OR size(count) <> :1", "FilterExpression");
        assertThat(sizeOfNumber.test(ITEM)).isTrue();
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        assertThat(test("count = :sn AND count = :n OR #n = :s")).isTrue();
        assertThat(test("count = :n OR #n = :sn AND count = :sn")).isTrue();
        assertThat(test("(count = :n OR #n = :sn) AND count = :sn")).isFalse();
        assertThat(test("NOT count = :n AND count = :n")).isFalse();
        assertThat(test("NOT (count = :n AND count = :sn)")).isTrue();
        assertThat(test("NOT NOT count = :n")).isTrue();
    }

    @Test
    void keywordsAreCaseInsensitiveAndWhitespaceIsFree() {
        assertThat(test("count between :n6 and :n8 aNd #n In (:s)")).isTrue();
        assertThat(test("not\tcount=:sn\nor\r\ncount<>:n")).isTrue();
        assertThat(test("  attribute_exists ( #m . inner [ 0 ] )  OR  #m . items [ 0 ] = :n "))
                .isFalse();
    }

    @Test
    void operandsMayBeParenthesisedAndSizeMayStandOnEitherSide() {
        assertThat(test("(count) = (:n)")).isTrue();
        ExpressionContext context = new ExpressionContext(null, values(":3", n(3)));
        assertThat(context.condition(":3 = size(blob)", "ConditionExpression").test(ITEM))
                .isTrue();
    }

    @Test
    void reportsTheTopLevelAttributesItReads() {
        ExpressionContext context = new ExpressionContext(names("#m", "map"), VALUES);
        Condition condition = context.condition(
                "attribute_exists(#m.inner) AND (count BETWEEN :n6 AND limit OR size(list[0]) = :n) "
                        + "AND NOT contains(tags, :a) AND name IN (:s, other)",
                "FilterExpression");
        assertThat(condition.topLevelAttributes())
                .containsExactly("map", "count", "limit", "list", "tags", "name", "other");
    }

    @Test
    void anEmptyItemSatisfiesOnlyAbsence() {
        ExpressionContext context = new ExpressionContext(null, values(":v", s("x")));
        assertThat(context.condition("attribute_not_exists(a) AND a <> :v", "ConditionExpression")
                        .test(Map.of()))
                .isTrue();
    }
}
