package dev.runnel.leasestore.expression;

import static dev.runnel.leasestore.expression.Items.l;
import static dev.runnel.leasestore.expression.Items.n;
import static dev.runnel.leasestore.expression.Items.names;
import static dev.runnel.leasestore.expression.Items.s;
import static dev.runnel.leasestore.expression.Items.ss;
import static dev.runnel.leasestore.expression.Items.values;
import static org.assertj.core.api.Assertions.fail;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Whatever the input, every entry point either succeeds or throws {@link ValidationException}: never another
 * exception (no NullPointerException, IndexOutOfBounds, StackOverflowError, ...). Inputs are random strings (from
 * the characters expressions use, and from all of Unicode) and random sequences of the language's tokens.
 */
class ExpressionFuzzTest {

    private static final List<String> TOKENS = List.of(
            "a",
            "b",
            "m",
            "l",
            "#a",
            "#b",
            "#x",
            ":n",
            ":s",
            ":set",
            ":list",
            ":x",
            "#",
            ":",
            "(",
            ")",
            "[",
            "]",
            "0",
            "1",
            "99999999999",
            ".",
            ",",
            "=",
            "<>",
            "<",
            "<=",
            ">",
            ">=",
            "+",
            "-",
            "AND",
            "or",
            "NOT",
            "BETWEEN",
            "IN",
            "SET",
            "remove",
            "ADD",
            "DELETE",
            "size",
            "attribute_exists",
            "attribute_not_exists",
            "attribute_type",
            "begins_with",
            "contains",
            "list_append",
            "if_not_exists",
            "!",
            "'",
            "\u00e9");

    private static final List<Map<String, AttributeValue>> ITEMS = List.of(
            Map.of(),
            Items.item("a", n(1), "b", s("x"), "m", Items.m("a", n(2)), "l", l(n(1), s("y"))),
            Items.item("a", ss("x"), "b", l(), "m", s("not a map"), "l", n(3)));

    private static final String EXPRESSIONISH = "abmlANDORNTSEIZ_#:()[]., =<>+-019'\"!\t\n";

    /** Strings from the characters expressions use, from all of UTF-16, and deep nestings of parentheses and NOT. */
    private static String garbage(Random random) {
        int kind = random.nextInt(11);
        if (kind < 6) {
            return randomString(random, 80, () -> EXPRESSIONISH.charAt(random.nextInt(EXPRESSIONISH.length())));
        } else if (kind < 9) {
            return randomString(random, 40, () -> (char) random.nextInt(Character.MAX_VALUE + 1));
        } else if (kind == 9) {
            int depth = 1 + random.nextInt(3000);
            return "(".repeat(depth) + "a = :n" + ")".repeat(depth);
        }
        return "NOT ".repeat(1 + random.nextInt(1000)) + "a";
    }

    private static String randomString(Random random, int maxLength, java.util.function.Supplier<Character> chars) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            text.append(chars.get());
        }
        return text.toString();
    }

    /** One to 25 of the language's tokens, joined by one space, two or none. */
    private static String tokenSequence(Random random) {
        List<String> tokens = new java.util.ArrayList<>();
        int count = 1 + random.nextInt(25);
        for (int i = 0; i < count; i++) {
            tokens.add(TOKENS.get(random.nextInt(TOKENS.size())));
        }
        return String.join(List.of(" ", "", "  ").get(random.nextInt(3)), tokens);
    }

    @Test
    void randomStringsOnlyEverGiveValidationExceptions() {
        Seeds.each(2000, seed -> everyEntryPoint(garbage(new Random(seed))));
    }

    @Test
    void randomTokenSequencesOnlyEverGiveValidationExceptions() {
        Seeds.each(3000, seed -> everyEntryPoint(tokenSequence(new Random(seed))));
    }

    private static void everyEntryPoint(String text) {
        attempt(text, context -> {
            Condition condition = context.condition(text, "ConditionExpression");
            ITEMS.forEach(condition::test);
        });
        attempt(text, context -> {
            Update update = context.update(text);
            update.topLevelAttributes();
            for (Map<String, AttributeValue> item : ITEMS) {
                try {
                    update.apply(item);
                } catch (ValidationException expected) {
                    // the item does not fit the update: fine
                }
            }
        });
        attempt(text, context -> {
            Projection projection = context.projection(text);
            ITEMS.forEach(projection::apply);
        });
        attempt(text, context -> context.keyCondition(text).test(ITEMS.get(1)));
        attempt(text, context -> context.keyCondition(text, "a", "b"));
        attempt(text, ExpressionContext::checkAllUsed);
    }

    private static void attempt(String text, Consumer<ExpressionContext> use) {
        ExpressionContext context = new ExpressionContext(
                names("#a", "a", "#b", "b"), values(":n", n(1), ":s", s("x"), ":set", ss("x"), ":list", l(n(1))));
        try {
            use.accept(context);
        } catch (ValidationException expected) {
            // DynamoDB refuses it, as it should
        } catch (Throwable other) {
            fail("%s escaped for %s", other, text.length() > 200 ? text.substring(0, 200) + "..." : text, other);
        }
    }
}
