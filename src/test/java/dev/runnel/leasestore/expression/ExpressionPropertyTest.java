package dev.runnel.leasestore.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Properties of the expression language over random condition trees and items (each try seeded; a failure names its seed,
 * see {@link Seeds}): printing and parsing give the tree back, and the laws of the operators hold for
 * DynamoDB's semantics (missing attributes and mixed types included).
 */
class ExpressionPropertyTest {

    private static final int ITEMS_PER_TREE = 20;

    private static Condition parse(RandomExpressions random, String text) {
        return new ExpressionContext(null, random.values()).condition(text, "ConditionExpression");
    }

    @Test
    void aPrintedTreeParsesBackToTheSameTreeAndMeaning() {
        Seeds.each(500, seed -> {
            RandomExpressions random = new RandomExpressions(seed);
            ConditionNode tree = random.condition((int) Math.floorMod(seed, 5L));
            Condition parsed = parse(random, tree.toString());
            assertThat(parsed).isEqualTo(tree);
            assertThat(parsed.toString()).isEqualTo(tree.toString());
            for (int i = 0; i < ITEMS_PER_TREE; i++) {
                Map<String, AttributeValue> item = random.item();
                assertThat(parsed.test(item)).as("%s on %s", tree, item).isEqualTo(tree.test(item));
            }
        });
    }

    @Test
    void aPrintedUpdateParsesBackAndDoesTheSame() {
        Seeds.each(500, seed -> {
            RandomExpressions random = new RandomExpressions(seed);
            UpdateExpression update = random.update();
            UpdateExpression parsed =
                    (UpdateExpression) new ExpressionContext(null, random.values()).update(update.toString());
            assertThat(parsed.toString()).isEqualTo(update.toString());
            assertThat(parsed.actions()).containsExactlyInAnyOrderElementsOf(update.actions());
            assertThat(parsed.topLevelAttributes()).containsExactlyInAnyOrderElementsOf(update.topLevelAttributes());
            for (int i = 0; i < ITEMS_PER_TREE; i++) {
                Map<String, AttributeValue> item = random.item();
                assertThat(outcome(parsed, item)).isEqualTo(outcome(update, item));
            }
        });
    }

    /** The updated item, or the message of the ValidationException that refused it. */
    private static Object outcome(Update update, Map<String, AttributeValue> item) {
        try {
            return update.apply(item);
        } catch (ValidationException refused) {
            return refused.getMessage();
        }
    }

    @Test
    void notNotIsTheConditionItself() {
        Seeds.each(300, seed -> {
            RandomExpressions random = new RandomExpressions(seed);
            ConditionNode tree = random.condition(2);
            Condition twice = parse(random, "NOT NOT (" + tree + ")");
            Condition spaced = parse(random, "not (not (" + tree + "))");
            for (int i = 0; i < ITEMS_PER_TREE; i++) {
                Map<String, AttributeValue> item = random.item();
                assertThat(twice.test(item)).isEqualTo(tree.test(item));
                assertThat(spaced.test(item)).isEqualTo(tree.test(item));
            }
        });
    }

    @Test
    void deMorganHolds() {
        Seeds.each(300, seed -> {
            RandomExpressions random = new RandomExpressions(seed);
            String x = random.condition(2).toString();
            String y = random.condition(2).toString();
            Condition notAnd = parse(random, "NOT ((" + x + ") AND (" + y + "))");
            Condition orNots = parse(random, "(NOT (" + x + ")) OR (NOT (" + y + "))");
            Condition notOr = parse(random, "NOT ((" + x + ") OR (" + y + "))");
            Condition andNots = parse(random, "NOT (" + x + ") AND NOT (" + y + ")");
            for (int i = 0; i < ITEMS_PER_TREE; i++) {
                Map<String, AttributeValue> item = random.item();
                assertThat(notAnd.test(item)).isEqualTo(orNots.test(item));
                assertThat(notOr.test(item)).isEqualTo(andNots.test(item));
            }
        });
    }

    @Test
    void betweenIsTwoComparisons() {
        Seeds.each(300, seed -> {
            RandomExpressions random = new RandomExpressions(seed);
            String path = random.pick("a", "c", "m", "m.x", "l", "l[0]", "missing");
            String lower = random.pick(":lo", "b", "size(c)");
            String upper = random.pick(":hi", "d", "size(m)");
            Condition between = parse(random, path + " BETWEEN " + lower + " AND " + upper);
            Condition comparisons = parse(random, path + " >= " + lower + " AND " + path + " <= " + upper);
            for (int i = 0; i < ITEMS_PER_TREE; i++) {
                Map<String, AttributeValue> item = random.item();
                assertThat(between.test(item)).isEqualTo(comparisons.test(item));
            }
        });
    }

    @Test
    void inIsADisjunctionOfEqualities() {
        Seeds.each(300, seed -> {
            RandomExpressions random = new RandomExpressions(seed);
            String path = random.pick(RandomExpressions.PATHS);
            String x = random.pick(":n0", ":s0", ":ss", ":l", ":bool");
            String y = random.pick(":n1", ":s1", ":ns", ":b0");
            Condition in = parse(random, path + " IN (" + x + ", " + y + ")");
            Condition or = parse(random, path + " = " + x + " OR " + path + " = " + y);
            for (int i = 0; i < ITEMS_PER_TREE; i++) {
                Map<String, AttributeValue> item = random.item();
                assertThat(in.test(item)).isEqualTo(or.test(item));
            }
        });
    }

    @Test
    void setThenRemoveLeavesTheAttributeOut() {
        Seeds.each(300, seed -> {
            RandomExpressions random = new RandomExpressions(seed);
            Map<String, AttributeValue> item = random.item();
            String target = random.pick("a", "b", "new");
            ExpressionContext context = new ExpressionContext(null, Map.of(":v", random.value()));
            Map<String, AttributeValue> set =
                    context.update("SET " + target + " = :v").apply(item);
            Map<String, AttributeValue> removed =
                    new ExpressionContext(null, null).update("REMOVE " + target).apply(set);
            Map<String, AttributeValue> expected = new LinkedHashMap<>(item);
            expected.remove(target);
            assertThat(removed).isEqualTo(expected);
            Map<String, AttributeValue> removedFirst =
                    new ExpressionContext(null, null).update("REMOVE " + target).apply(item);
            assertThat(context.update("SET " + target + " = :v").apply(removedFirst))
                    .isEqualTo(set);
        });
    }

    @Test
    void setThenRemoveInsideAMap() {
        Seeds.each(300, seed -> {
            RandomExpressions random = new RandomExpressions(seed);
            Map<String, AttributeValue> item = random.item();
            item.put("m", new AttributeValue.M(Map.of("y", random.value())));
            ExpressionContext context = new ExpressionContext(null, Map.of(":v", random.value()));
            Map<String, AttributeValue> set = context.update("SET m.x = :v").apply(item);
            Map<String, AttributeValue> removed =
                    new ExpressionContext(null, null).update("REMOVE m.x").apply(set);
            assertThat(removed).isEqualTo(item);
        });
    }

    @Test
    void addingNumbersOrSetMembersCommutes() {
        Seeds.each(300, seed -> {
            RandomExpressions random = new RandomExpressions(seed);
            java.util.Random numbers = new java.util.Random(seed);
            int x = numbers.nextInt(2001) - 1000;
            int y = numbers.nextInt(2001) - 1000;
            int start = numbers.nextInt(11) - 5;
            boolean present = numbers.nextBoolean();
            Map<String, AttributeValue> item = random.item();
            item.remove("a");
            if (present) {
                item.put("a", AttributeValue.n(start));
            }
            assertThat(addBoth(item, AttributeValue.n(x), AttributeValue.n(y)))
                    .isEqualTo(addBoth(item, AttributeValue.n(y), AttributeValue.n(x)))
                    .containsEntry("a", AttributeValue.n((present ? start : 0) + (long) x + y));
            item.remove("a");
            assertThat(addBoth(item, Items.ss("p", "q"), Items.ss("q", "r")))
                    .isEqualTo(addBoth(item, Items.ss("q", "r"), Items.ss("p", "q")));
        });
    }

    private static Map<String, AttributeValue> addBoth(
            Map<String, AttributeValue> item, AttributeValue first, AttributeValue second) {
        Map<String, AttributeValue> once = new ExpressionContext(null, Map.of(":x", first))
                .update("ADD a :x")
                .apply(item);
        return new ExpressionContext(null, Map.of(":x", second))
                .update("ADD a :x")
                .apply(once);
    }

    @Test
    void anUpdateAppliedToRandomItemsFailsOnlyWithValidationException() {
        Seeds.each(200, seed -> {
            RandomExpressions random = new RandomExpressions(seed);
            String expression = random.pick(
                    "SET a = b + :n0, c = list_append(c, :l) REMOVE d",
                    "SET m.x = if_not_exists(m.y, :s0), l[1] = :n1 ADD b :ns",
                    "ADD a :n0, b :ss DELETE c :ss",
                    "SET a = list_append(:l, l) REMOVE m.y, l[0]",
                    "SET d = a - c");
            Update update = new ExpressionContext(null, random.values()).update(expression);
            for (int i = 0; i < ITEMS_PER_TREE; i++) {
                Map<String, AttributeValue> item = random.item();
                try {
                    Map<String, AttributeValue> after = update.apply(item);
                    assertThat(after.keySet()).doesNotContainNull();
                } catch (ValidationException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        });
    }
}
