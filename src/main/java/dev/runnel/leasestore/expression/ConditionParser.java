package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.expression.Token.Kind;
import dev.runnel.leasestore.model.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for condition expressions (also the first step of key conditions). Grammar, lowest
 * precedence first (keywords in any case, function names exactly as written):
 *
 * <pre>
 * or        := and ( OR and )*
 * and       := not ( AND not )*
 * not       := NOT not | predicate
 * predicate := primary [ comparator operand | BETWEEN operand AND operand | IN ( operand ( , operand )* ) ]
 * primary   := ( or ) | function | path | :value
 * operand   := ( operand ) | function | path | :value
 * function  := name ( operand ( , operand )* )
 * </pre>
 *
 * A primary may be a condition or an operand; where a condition is required an operand is a syntax error at the
 * token after it, as in DynamoDB. Semantic problems (undefined placeholders, misused or unknown functions,
 * redundant parentheses, operand types) are collected and reported after a parse without syntax errors.
 */
final class ConditionParser extends ExpressionParser {

    /** DynamoDB's limit on operators (comparators, AND, OR, NOT, BETWEEN, IN, functions) in one expression. */
    static final int MAX_OPERATORS = 300;
    /** DynamoDB's limit on the operands of IN. */
    static final int MAX_IN_OPERANDS = 100;

    private static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");
    private static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M");
    private static final Operand NO_OPERAND = new Operand.Value(":?", new AttributeValue.Null());
    private static final ConditionNode NO_CONDITION = new ConditionNode.And(List.of());

    private int operators;

    private ConditionParser(String text, Placeholders placeholders, Problems problems) {
        super(text, placeholders, problems);
    }

    /** Parses a whole condition; throws the {@code ValidationException} DynamoDB would for a bad one. */
    static ConditionNode parse(String text, Placeholders placeholders, Problems problems) {
        ConditionParser parser = new ConditionParser(text, placeholders, problems);
        ConditionNode condition = parser.condition(parser.or());
        parser.expectEnd();
        if (parser.operators > MAX_OPERATORS) {
            problems.report(
                    Problems.Kind.LIMIT,
                    "The expression contains too many operators; operator count: " + parser.operators);
        }
        problems.throwFirst();
        return condition;
    }

    @Override
    boolean isReserved(Token token) {
        return token.is(Kind.WORD) && KEYWORDS.contains(token.text().toUpperCase(Locale.ROOT));
    }

    /** What a primary parsed to: a condition or an operand, the bare function it is, if any, and parentheses. */
    record Term(ConditionNode condition, Operand operand, String function, boolean parenthesized) {
        static Term of(ConditionNode condition) {
            return new Term(condition, null, null, false);
        }

        static Term of(Operand operand) {
            return new Term(null, operand, null, false);
        }
    }

    private Term or() {
        Term first = and();
        if (!atKeyword("OR")) {
            return first;
        }
        List<ConditionNode> operands = new ArrayList<>(List.of(condition(first)));
        while (atKeyword("OR")) {
            next();
            operators++;
            operands.add(condition(and()));
        }
        return Term.of(new ConditionNode.Or(operands));
    }

    private Term and() {
        Term first = not();
        if (!atKeyword("AND")) {
            return first;
        }
        List<ConditionNode> operands = new ArrayList<>(List.of(condition(first)));
        while (atKeyword("AND")) {
            next();
            operators++;
            operands.add(condition(not()));
        }
        return Term.of(new ConditionNode.And(operands));
    }

    private Term not() {
        if (!atKeyword("NOT")) {
            return predicate();
        }
        next();
        operators++;
        enter();
        ConditionNode operand = condition(not());
        leave();
        return Term.of(new ConditionNode.Not(operand));
    }

    private Term predicate() {
        Term left = primary();
        Token token = peek();
        RelationalOperator operator = RelationalOperator.of(token);
        if (operator != null) {
            Operand value = operandOf(left);
            next();
            operators++;
            Operand right = operand();
            checkDistinct(operator.symbol(), value, right);
            return Term.of(new ConditionNode.Compare(operator, value, right));
        }
        if (token.isKeyword("BETWEEN")) {
            Operand value = operandOf(left);
            next();
            operators++;
            Operand lower = operand();
            if (!atKeyword("AND")) {
                throw syntaxError();
            }
            next();
            Operand upper = operand();
            checkBounds(lower, upper);
            return Term.of(new ConditionNode.Between(value, lower, upper));
        }
        if (token.isKeyword("IN")) {
            Operand value = operandOf(left);
            next();
            operators++;
            List<Operand> candidates = arguments();
            if (candidates.size() > MAX_IN_OPERANDS) {
                problems.report(
                        Problems.Kind.LIMIT,
                        "The IN operator is provided with too many operands; number of operands: " + candidates.size());
            }
            return Term.of(new ConditionNode.In(value, candidates));
        }
        return left;
    }

    private Term primary() {
        if (at(Kind.LPAREN)) {
            next();
            enter();
            Term inner = or();
            expect(Kind.RPAREN);
            leave();
            if (inner.parenthesized()) {
                problems.report(Problems.Kind.PARENTHESES, "The expression has redundant parentheses;");
            }
            return new Term(inner.condition(), inner.operand(), inner.function(), true);
        }
        return simple();
    }

    /** An operand where only an operand may stand (the right of a comparator, a function argument, ...). */
    private Operand operand() {
        if (at(Kind.LPAREN)) {
            next();
            enter();
            boolean doubled = at(Kind.LPAREN);
            Operand inner = operand();
            expect(Kind.RPAREN);
            leave();
            if (doubled) {
                problems.report(Problems.Kind.PARENTHESES, "The expression has redundant parentheses;");
            }
            return inner;
        }
        return operandOf(simple());
    }

    /** A function call, a path or a {@code :value}. */
    private Term simple() {
        Token token = peek();
        if (token.is(Kind.WORD) && !isReserved(token) && peekAfter().is(Kind.LPAREN)) {
            return function();
        }
        if (token.is(Kind.VALUE)) {
            return Term.of(valueOperand());
        }
        if (atPathStart()) {
            return Term.of(new Operand.Attribute(parsePath()));
        }
        throw syntaxError();
    }

    private List<Operand> arguments() {
        expect(Kind.LPAREN);
        enter();
        List<Operand> arguments = new ArrayList<>(List.of(operand()));
        while (at(Kind.COMMA)) {
            next();
            arguments.add(operand());
        }
        expect(Kind.RPAREN);
        leave();
        return arguments;
    }

    private Term function() {
        String name = next().text();
        List<Operand> arguments = arguments();
        operators++;
        return ConditionFunctions.call(name, arguments, problems);
    }

    /** The term as a condition: an operand here is a syntax error at the current token; size() is misused. */
    private ConditionNode condition(Term term) {
        if (term.condition() != null) {
            return term.condition();
        }
        if ("size".equals(term.function())) {
            problems.report(Problems.Kind.MISUSED_FUNCTION, Messages.misusedFunction("size"));
            return NO_CONDITION;
        }
        throw syntaxError();
    }

    /** The term as an operand: a condition function here is misused, any other condition a syntax error. */
    private Operand operandOf(Term term) {
        if (term.operand() != null) {
            return term.operand();
        }
        if (term.function() != null) {
            problems.report(Problems.Kind.MISUSED_FUNCTION, Messages.misusedFunction(term.function()));
            return NO_OPERAND;
        }
        throw syntaxError();
    }

    private void checkDistinct(String operator, Operand first, Operand second) {
        if (first instanceof Operand.Attribute a && second instanceof Operand.Attribute b && a.equals(b)) {
            problems.report(Problems.Kind.DISTINCT, Messages.distinct(operator, a.path()));
        }
    }

    private void checkBounds(Operand lower, Operand upper) {
        if (!(lower instanceof Operand.Value low) || !(upper instanceof Operand.Value high)) {
            return;
        }
        AttributeValue x = low.value();
        AttributeValue y = high.value();
        String operands = "lower bound operand: AttributeValue: " + Messages.quote(x)
                + ", upper bound operand: AttributeValue: " + Messages.quote(y);
        if (!x.type().equals(y.type())) {
            problems.report(
                    Problems.Kind.OPERAND_TYPE,
                    "The BETWEEN operator requires same data type for lower and upper bounds; " + operands);
        } else if (AttributeValue.comparable(x, y) && AttributeValue.compare(x, y) > 0) {
            problems.report(
                    Problems.Kind.OPERAND_TYPE,
                    "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                            + operands);
        }
    }

    static Operand noOperand() {
        return NO_OPERAND;
    }

    static ConditionNode noCondition() {
        return NO_CONDITION;
    }

    static boolean isTypeName(String name) {
        return TYPE_NAMES.contains(name);
    }
}
