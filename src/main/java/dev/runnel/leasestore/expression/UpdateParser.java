package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.expression.Token.Kind;
import dev.runnel.leasestore.model.AttributeValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for update expressions:
 *
 * <pre>
 * update   := clause+                      (each of SET, REMOVE, ADD, DELETE at most once, in any order)
 * clause   := SET path = value (, path = value)* | REMOVE path (, path)*
 *           | ADD path :value (, path :value)*  | DELETE path :value (, path :value)*
 * value    := operand [ (+ | -) operand ] | ( value )
 * operand  := ( operand ) | if_not_exists(path, operand) | list_append(operand, operand) | path | :value
 * </pre>
 *
 * Besides syntax it checks what DynamoDB checks before touching an item: placeholders, function names and
 * operand counts, the types of {@code :value} operands, and that no two paths overlap.
 */
final class UpdateParser extends ExpressionParser {

    private enum Clause {
        SET,
        REMOVE,
        ADD,
        DELETE
    }

    private static final Map<String, Integer> ARITY = Map.of("if_not_exists", 2, "list_append", 2);
    private static final UpdateValue NO_VALUE =
            new UpdateValue.Literal(new Operand.Value(":?", new AttributeValue.Null()));

    private final List<UpdateAction> actions = new ArrayList<>();

    private UpdateParser(String text, Placeholders placeholders, Problems problems) {
        super(text, placeholders, problems);
    }

    static UpdateExpression parse(String text, Placeholders placeholders, Problems problems) {
        UpdateParser parser = new UpdateParser(text, placeholders, problems);
        parser.clauses();
        Path.checkOverlaps(parser.actions.stream().map(UpdateAction::path).toList(), problems);
        problems.throwFirst();
        return new UpdateExpression(parser.actions);
    }

    @Override
    boolean isReserved(Token token) {
        return clause(token) != null;
    }

    private static Clause clause(Token token) {
        if (!token.is(Kind.WORD)) {
            return null;
        }
        String word = token.text().toUpperCase(Locale.ROOT);
        for (Clause clause : Clause.values()) {
            if (clause.name().equals(word)) {
                return clause;
            }
        }
        return null;
    }

    private void clauses() {
        Set<Clause> seen = EnumSet.noneOf(Clause.class);
        do {
            Clause clause = clause(peek());
            if (clause == null) {
                throw syntaxError();
            }
            next();
            if (!seen.add(clause)) {
                problems.report(
                        Problems.Kind.SECTION,
                        "The \"" + clause + "\" section can only be used once in an update expression;");
            }
            actions.add(action(clause));
            while (at(Kind.COMMA)) {
                next();
                actions.add(action(clause));
            }
        } while (!at(Kind.END));
    }

    private UpdateAction action(Clause clause) {
        Path path = parsePath();
        switch (clause) {
            case SET:
                expect(Kind.EQ);
                return new UpdateAction.Set(path, value());
            case REMOVE:
                return new UpdateAction.Remove(path);
            case ADD:
                Operand.Value added = valueOperand();
                AttributeValue value = added.value();
                if (!(value instanceof AttributeValue.N) && !Sets.isSet(value)) {
                    problems.report(Problems.Kind.OPERAND_TYPE, Messages.clauseOperandType("ADD", value));
                }
                return new UpdateAction.Add(path, added);
            default:
                Operand.Value removed = valueOperand();
                if (!Sets.isSet(removed.value())) {
                    problems.report(Problems.Kind.OPERAND_TYPE, Messages.clauseOperandType("DELETE", removed.value()));
                }
                return new UpdateAction.Delete(path, removed);
        }
    }

    /** The right-hand side of a SET action. */
    private UpdateValue value() {
        UpdateValue left;
        boolean grouped = at(Kind.LPAREN);
        if (grouped) {
            next();
            enter();
            left = value();
            expect(Kind.RPAREN);
            leave();
        } else {
            left = operand();
        }
        if (!at(Kind.PLUS) && !at(Kind.MINUS)) {
            return left;
        }
        if (left instanceof UpdateValue.Arithmetic) {
            throw syntaxError();
        }
        boolean plus = next().is(Kind.PLUS);
        UpdateValue right = operand();
        for (UpdateValue operand : List.of(left, right)) {
            checkLiteral(plus ? "+" : "-", operand, "N");
        }
        return new UpdateValue.Arithmetic(left, plus, right);
    }

    private UpdateValue operand() {
        if (at(Kind.LPAREN)) {
            next();
            enter();
            UpdateValue inner = operand();
            expect(Kind.RPAREN);
            leave();
            return inner;
        }
        Token token = peek();
        if (token.is(Kind.WORD) && !isReserved(token) && peekAfter().is(Kind.LPAREN)) {
            return function();
        }
        if (token.is(Kind.VALUE)) {
            return new UpdateValue.Literal(valueOperand());
        }
        return new UpdateValue.Attribute(parsePath());
    }

    private UpdateValue function() {
        String name = next().text();
        expect(Kind.LPAREN);
        enter();
        List<UpdateValue> arguments = new ArrayList<>(List.of(operand()));
        while (at(Kind.COMMA)) {
            next();
            arguments.add(operand());
        }
        expect(Kind.RPAREN);
        leave();
        Integer arity = ARITY.get(name);
        if (arity == null) {
            problems.report(Problems.Kind.UNKNOWN_FUNCTION, Messages.unknownFunction(name));
            return NO_VALUE;
        }
        if (arguments.size() != arity) {
            problems.report(Problems.Kind.OPERAND_TYPE, Messages.operandCount(name, arguments.size()));
            return NO_VALUE;
        }
        if (name.equals("list_append")) {
            arguments.forEach(argument -> checkLiteral(name, argument, "L"));
            return new UpdateValue.ListAppend(arguments.get(0), arguments.get(1));
        }
        if (!(arguments.get(0) instanceof UpdateValue.Attribute attribute)) {
            problems.report(Problems.Kind.OPERAND_TYPE, Messages.needsPath(name));
            return NO_VALUE;
        }
        return new UpdateValue.IfNotExists(attribute.path(), arguments.get(1));
    }

    private void checkLiteral(String function, UpdateValue operand, String type) {
        if (operand instanceof UpdateValue.Literal literal
                && !literal.value().value().type().equals(type)) {
            problems.report(
                    Problems.Kind.OPERAND_TYPE,
                    Messages.operandType(function, literal.value().value().type()));
        }
    }
}
