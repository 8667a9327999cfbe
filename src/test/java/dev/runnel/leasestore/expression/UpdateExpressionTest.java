package dev.runnel.leasestore.expression;

import static dev.runnel.leasestore.expression.Items.b;
import static dev.runnel.leasestore.expression.Items.item;
import static dev.runnel.leasestore.expression.Items.l;
import static dev.runnel.leasestore.expression.Items.m;
import static dev.runnel.leasestore.expression.Items.n;
import static dev.runnel.leasestore.expression.Items.names;
import static dev.runnel.leasestore.expression.Items.ns;
import static dev.runnel.leasestore.expression.Items.s;
import static dev.runnel.leasestore.expression.Items.ss;
import static dev.runnel.leasestore.expression.Items.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What update expressions do to items, and the errors DynamoDB gives when they do not fit the item. */
class UpdateExpressionTest {

    private static final Map<String, AttributeValue> ITEM = item(
            "id", s("k"),
            "count", n(10),
            "name", s("x"),
            "tags", ss("a", "b"),
            "scores", ns(1, 2),
            "list", l(s("l0"), s("l1"), s("l2"), s("l3")),
            "map", m("inner", m("deep", n(1)), "items", l(n(10), n(20))));

    private static final Map<String, AttributeValue> VALUES = values(
            ":one", n(1),
            ":five", n(5),
            ":s", s("new"),
            ":tags", ss("b", "c"),
            ":scores", ns(2, 3),
            ":all", ss("a", "b"),
            ":list", l(s("e")),
            ":empty", l(),
            ":bytes", b(1));

    private static Map<String, AttributeValue> apply(String expression) {
        return update(expression).apply(ITEM);
    }

    private static Update update(String expression) {
        return new ExpressionContext(names("#m", "map", "#c", "count"), VALUES).update(expression);
    }

    private static void assertFails(String expression, String message) {
        Update update = update(expression);
        assertThatThrownBy(() -> update.apply(ITEM))
                .isInstanceOf(ValidationException.class)
                .hasMessage(message);
    }

    @Test
    void setReplacesCreatesAndCalculates() {
        Map<String, AttributeValue> after = apply("SET #c = #c + :five, fresh = :s, name = if_not_exists(name, :s), "
                + "other = if_not_exists(other, :s), back = count - :one");
        assertThat(after)
                .containsEntry("count", n(15))
                .containsEntry("fresh", s("new"))
                .containsEntry("name", s("x"))
                .containsEntry("other", s("new"))
                .containsEntry("back", n(9));
    }

    @Test
    void everyValueIsReadFromTheItemBeforeTheUpdate() {
        Map<String, AttributeValue> after = apply("SET count = :five, copy = count");
        assertThat(after).containsEntry("count", n(5)).containsEntry("copy", n(10));
    }

    @Test
    void setReachesIntoMapsAndListsAndAppendsPastTheEnd() {
        Map<String, AttributeValue> after =
                apply("SET #m.inner.deep = :five, #m.inner.added = :s, list[1] = :s, list[99] = :one");
        assertThat(after.get("map"))
                .isEqualTo(m("inner", m("deep", n(5), "added", s("new")), "items", l(n(10), n(20))));
        assertThat(after.get("list")).isEqualTo(l(s("l0"), s("new"), s("l2"), s("l3"), n(1)));
    }

    @Test
    void listAppendJoinsListsFromPathsAndValues() {
        assertThat(apply("SET list = list_append(list, :list)").get("list"))
                .isEqualTo(l(s("l0"), s("l1"), s("l2"), s("l3"), s("e")));
        assertThat(apply("SET list = list_append(:list, list)").get("list"))
                .isEqualTo(l(s("e"), s("l0"), s("l1"), s("l2"), s("l3")));
        assertThat(apply("SET fresh = list_append(if_not_exists(fresh, :empty), :list)")
                        .get("fresh"))
                .isEqualTo(l(s("e")));
    }

    @Test
    void removeDropsAttributesMapKeysAndListElementsByTheirOriginalIndexes() {
        Map<String, AttributeValue> after = apply("REMOVE name, #m.inner, list[0], list[2], missing, list[9]");
        assertThat(after).doesNotContainKey("name").doesNotContainKey("missing");
        assertThat(after.get("map")).isEqualTo(m("items", l(n(10), n(20))));
        assertThat(after.get("list")).isEqualTo(l(s("l1"), s("l3")));
    }

    @Test
    void addAddsNumbersAndSetMembersAndCreatesWhatIsMissing() {
        Map<String, AttributeValue> after =
                apply("ADD count :five, tags :tags, scores :scores, fresh :one, freshSet :tags, #m.items[0] :one");
        assertThat(after)
                .containsEntry("count", n(15))
                .containsEntry("tags", ss("a", "b", "c"))
                .containsEntry("scores", ns(1, 2, 3))
                .containsEntry("fresh", n(1))
                .containsEntry("freshSet", ss("b", "c"));
        assertThat(after.get("map")).isEqualTo(m("inner", m("deep", n(1)), "items", l(n(11), n(20))));
    }

    @Test
    void deleteRemovesSetMembersAndTheAttributeWhenNoneIsLeft() {
        assertThat(apply("DELETE tags :tags")).containsEntry("tags", ss("a"));
        assertThat(apply("DELETE tags :all")).doesNotContainKey("tags");
        assertThat(apply("DELETE missing :all")).doesNotContainKey("missing");
        assertThat(apply("DELETE scores :scores")).containsEntry("scores", ns(1));
    }

    @Test
    void clausesComeInAnyOrderAndAnyCase() {
        Map<String, AttributeValue> after = apply("delete tags :tags add count :one remove name set fresh = :s");
        assertThat(after)
                .containsEntry("tags", ss("a"))
                .containsEntry("count", n(11))
                .containsEntry("fresh", s("new"))
                .doesNotContainKey("name");
    }

    @Test
    void theInputIsNotChangedAndTopLevelAttributesAreReported() {
        Update update = update("SET #m.inner.deep = :five REMOVE list[0] ADD count :one DELETE tags :tags");
        Map<String, AttributeValue> before = Map.copyOf(ITEM);
        update.apply(ITEM);
        assertThat(ITEM).isEqualTo(before);
        assertThat(update.topLevelAttributes()).containsExactly("map", "list", "count", "tags");
    }

    @Test
    void wrongTypesAtApplyTimeAreIncorrectDataType() {
        String incorrect = "An operand in the update expression has an incorrect data type";
        assertFails("SET name = name + :one", incorrect);
        assertFails("SET count = count - name", incorrect);
        assertFails("SET list = list_append(name, :list)", incorrect);
        assertFails("ADD name :one", incorrect);
        assertFails("ADD tags :scores", incorrect);
        assertFails("ADD count :tags", incorrect);
        assertFails("DELETE scores :tags", incorrect);
        assertFails("DELETE name :tags", incorrect);
    }

    @Test
    void missingOperandsAndBadPathsAreRefused() {
        String missing = "The provided expression refers to an attribute that does not exist in the item";
        assertFails("SET count = missing + :one", missing);
        assertFails("SET list = list_append(missing, :list)", missing);
        assertFails("SET a = missing", missing);
        String invalidPath = "The document path provided in the update expression is invalid for update";
        assertFails("SET missing.child = :one", invalidPath);
        assertFails("SET name.child = :one", invalidPath);
        assertFails("SET #m[0] = :one", invalidPath);
        assertFails("SET list[9].child = :one", invalidPath);
        assertFails("REMOVE missing.child", invalidPath);
        assertFails("ADD missing.child :one", invalidPath);
    }

    @Test
    void setMayWriteAnyTypeIncludingBinary() {
        assertThat(apply("SET blob = :bytes")).containsEntry("blob", b(1));
    }
}
