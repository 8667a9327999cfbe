package dev.runnel.leasestore.expression;

import static dev.runnel.leasestore.expression.Items.b;
import static dev.runnel.leasestore.expression.Items.bool;
import static dev.runnel.leasestore.expression.Items.l;
import static dev.runnel.leasestore.expression.Items.m;
import static dev.runnel.leasestore.expression.Items.n;
import static dev.runnel.leasestore.expression.Items.ns;
import static dev.runnel.leasestore.expression.Items.nul;
import static dev.runnel.leasestore.expression.Items.s;
import static dev.runnel.leasestore.expression.Items.ss;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random items, expression attribute values and condition trees for the property tests, all from one seeded
 * {@link Random}. The trees are ones DynamoDB accepts (no identical operands, BETWEEN bounds in order, prefixes of
 * string or binary type), so that printing and parsing one must give it back.
 */
final class RandomExpressions {

    static final List<String> PATHS = List.of("a", "b", "c", "d", "m", "m.x", "m.y", "l", "l[0]", "l[1]", "missing");
    static final List<String> TYPES = List.of("S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M");

    private final Random random;
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();

    RandomExpressions(long seed) {
        this.random = new Random(seed);
        long lo = random.nextInt(7) - 3;
        values.put(":n0", n(random.nextInt(7) - 3));
        values.put(":n1", n(random.nextInt(7) - 3));
        values.put(":lo", n(lo));
        values.put(":hi", n(lo + random.nextInt(4)));
        values.put(":s0", s(pick("", "a", "ab", "b", "ba")));
        values.put(":s1", s(pick("a", "b", "é")));
        values.put(":p", s(pick("", "a", "ab")));
        values.put(":b0", b(random.nextInt(3)));
        values.put(":ss", ss("a", pick("b", "c")));
        values.put(":ns", ns(1, random.nextInt(3)));
        values.put(":bool", bool(random.nextBoolean()));
        values.put(":l", l(s("a"), n(1)));
        values.put(":type", s(TYPES.get(random.nextInt(TYPES.size()))));
    }

    Random random() {
        return random;
    }

    Map<String, AttributeValue> values() {
        return values;
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A small random value of any type. */
    AttributeValue value() {
        return switch (random.nextInt(11)) {
            case 0 -> n(random.nextInt(7) - 3);
            case 1 -> s(pick("", "a", "ab", "b", "é"));
            case 2 -> b(random.nextInt(3), random.nextInt(3));
            case 3 -> bool(random.nextBoolean());
            case 4 -> nul();
            case 5 -> ss(pick("a", "b"), pick("c", "a"));
            case 6 -> ns(random.nextInt(3), 1);
            case 7 -> l(s("a"), n(random.nextInt(3)));
            case 8 -> m("x", n(random.nextInt(3)));
            case 9 -> values.get(pick(new ArrayList<>(values.keySet())));
            default -> n(random.nextInt(3));
        };
    }

    /** A random item over the attributes the paths name, some missing. */
    Map<String, AttributeValue> item() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (String name : List.of("a", "b", "c", "d")) {
            if (random.nextInt(4) > 0) {
                item.put(name, value());
            }
        }
        if (random.nextBoolean()) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            for (String key : List.of("x", "y")) {
                if (random.nextBoolean()) {
                    map.put(key, value());
                }
            }
            item.put("m", new AttributeValue.M(map));
        }
        if (random.nextBoolean()) {
            List<AttributeValue> list = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                list.add(value());
            }
            item.put("l", new AttributeValue.L(list));
        }
        return item;
    }

    Path path() {
        return path(pick(PATHS));
    }

    /** The path written as in an expression, {@code m.x} or {@code l[0]}. */
    static Path path(String text) {
        return ((PathProjection) new ExpressionContext(null, null).projection(text))
                .paths()
                .get(0);
    }

    Operand.Value valueOperand(String placeholder) {
        return new Operand.Value(placeholder, values.get(placeholder));
    }

    Operand operand() {
        return switch (random.nextInt(4)) {
            case 0, 1 -> new Operand.Attribute(path());
            case 2 -> valueOperand(pick(new ArrayList<>(values.keySet())));
            default -> new Operand.Size(new Operand.Attribute(path()));
        };
    }

    /** A BETWEEN bound whose type only the item decides (two values of different types are refused). */
    Operand bound() {
        return random.nextBoolean() ? new Operand.Attribute(path()) : new Operand.Size(new Operand.Attribute(path()));
    }

    /** An operand other than the given path (DynamoDB refuses identical operands). */
    Operand operandOtherThan(Operand first) {
        Operand second = operand();
        while (second.equals(first) && first instanceof Operand.Attribute) {
            second = operand();
        }
        return second;
    }

    /** A random condition tree, at most {@code depth} levels of AND, OR and NOT deep. */
    ConditionNode condition(int depth) {
        int kind = depth == 0 ? random.nextInt(7) : random.nextInt(10);
        return switch (kind) {
            case 0 -> {
                Operand left = operand();
                yield new ConditionNode.Compare(pick(RelationalOperator.values()), left, operandOtherThan(left));
            }
            case 1 ->
                random.nextBoolean()
                        ? new ConditionNode.Between(operand(), valueOperand(":lo"), valueOperand(":hi"))
                        : new ConditionNode.Between(operand(), bound(), bound());
            case 2 -> {
                List<Operand> candidates = new ArrayList<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    candidates.add(valueOperand(pick(new ArrayList<>(values.keySet()))));
                }
                yield new ConditionNode.In(operand(), candidates);
            }
            case 3 -> new ConditionNode.Exists(path(), random.nextBoolean());
            case 4 ->
                new ConditionNode.BeginsWith(
                        new Operand.Attribute(path()), valueOperand(pick(":p", ":s0", ":s1", ":b0")));
            case 5 -> {
                Operand container = new Operand.Attribute(path());
                yield new ConditionNode.Contains(container, operandOtherThan(container));
            }
            case 6 -> new ConditionNode.TypeIs(path(), valueOperand(":type"));
            case 7 -> new ConditionNode.Not(condition(depth - 1));
            case 8 -> new ConditionNode.And(children(depth));
            default -> new ConditionNode.Or(children(depth));
        };
    }

    /** A random update over targets that never overlap, its values of the types DynamoDB checks beforehand. */
    UpdateExpression update() {
        List<String> targets = new ArrayList<>(List.of("a", "b", "c", "d", "e", "m.x", "l[1]"));
        java.util.Collections.shuffle(targets, random);
        List<UpdateAction> actions = new ArrayList<>();
        for (String target : targets.subList(0, 1 + random.nextInt(4))) {
            Path path = path(target);
            actions.add(
                    switch (random.nextInt(4)) {
                        case 0 -> new UpdateAction.Set(path, updateValue());
                        case 1 -> new UpdateAction.Remove(path);
                        case 2 -> new UpdateAction.Add(path, valueOperand(pick(":n0", ":ss", ":ns")));
                        default -> new UpdateAction.Delete(path, valueOperand(pick(":ss", ":ns")));
                    });
        }
        return new UpdateExpression(actions);
    }

    private UpdateValue updateValue() {
        return switch (random.nextInt(5)) {
            case 0 -> new UpdateValue.Literal(valueOperand(pick(new ArrayList<>(values.keySet()))));
            case 1 -> new UpdateValue.Attribute(path());
            case 2 -> new UpdateValue.IfNotExists(path(), numberOrPath());
            case 3 -> new UpdateValue.ListAppend(listOrPath(), listOrPath());
            default -> new UpdateValue.Arithmetic(numberOrPath(), random.nextBoolean(), numberOrPath());
        };
    }

    private UpdateValue numberOrPath() {
        return random.nextBoolean()
                ? new UpdateValue.Literal(valueOperand(pick(":n0", ":n1", ":lo", ":hi")))
                : new UpdateValue.Attribute(path());
    }

    private UpdateValue listOrPath() {
        return random.nextBoolean() ? new UpdateValue.Literal(valueOperand(":l")) : new UpdateValue.Attribute(path());
    }

    private List<ConditionNode> children(int depth) {
        List<ConditionNode> children = new ArrayList<>();
        for (int i = 2 + random.nextInt(2); i > 0; i--) {
            children.add(condition(depth - 1));
        }
        return children;
    }
}
