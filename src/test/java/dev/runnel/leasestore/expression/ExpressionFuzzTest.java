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
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> expressionish = Arbitraries.strings()
                .withChars("abmlANDORNTSEIZ_#:()[]., =<>+-019'\"!\t\n")
                .ofMaxLength(80);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> deep =
                Arbitraries.integers().between(1, 3000).map(depth -> "(".repeat(depth) + "a = :n" + ")".repeat(depth));
        Arbitrary<String> deepNot = Arbitraries.integers().between(1, 1000).map(depth -> "NOT ".repeat(depth) + "a");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, expressionish),
                net.jqwik.api.Tuple.of(3, anything),
                net.jqwik.api.Tuple.of(1, deep),
                net.jqwik.api.Tuple.of(1, deepNot));
    }

    @Provide
    Arbitrary<String> tokenSequences() {
        return Arbitraries.of(TOKENS)
                .list()
                .ofMinSize(1)
                .ofMaxSize(25)
                .flatMap(tokens -> Arbitraries.of(" ", "", "  ").map(separator -> String.join(separator, tokens)));
    }

    @Property(tries = 2000)
    void randomStringsOnlyEverGiveValidationExceptions(@ForAll("garbage") String text) {
        everyEntryPoint(text);
    }

    @Property(tries = 3000)
    void randomTokenSequencesOnlyEverGiveValidationExceptions(@ForAll("tokenSequences") String text) {
        everyEntryPoint(text);
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
