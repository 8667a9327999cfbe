package dev.runnel.leasestore.expression;

import static dev.runnel.leasestore.expression.Items.l;
import static dev.runnel.leasestore.expression.Items.n;
import static dev.runnel.leasestore.expression.Items.names;
import static dev.runnel.leasestore.expression.Items.s;
import static dev.runnel.leasestore.expression.Items.ss;
import static dev.runnel.leasestore.expression.Items.values;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The common mistakes and DynamoDB's words for them. Where the wording is known from DynamoDB's own responses
 * (quoted in client issues and emulator conformance suites) it is matched exactly.
 */
class ExpressionErrorMessagesTest {

    private static final Map<String, AttributeValue> VALUES = values(
            ":n", n(1), ":s", s("x"), ":set", ss("a"), ":list", l(n(1)), ":hi", n(9), ":lo", n(1), ":type", s("XX"));

    private static ExpressionContext context() {
        return new ExpressionContext(names("#a", "a", "#b", "b"), VALUES);
    }

    private static void fails(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(ValidationException.class).hasMessage(message);
    }

    private static void condition(String expression, String message) {
        fails(() -> context().condition(expression, "ConditionExpression"), "Invalid ConditionExpression: " + message);
    }

    private static void update(String expression, String message) {
        fails(() -> context().update(expression), "Invalid UpdateExpression: " + message);
    }

    @Test
    void emptyExpressions() {
        fails(() -> context().update(""), "Invalid UpdateExpression: The expression can not be empty;");
        fails(
                () -> context().condition("", "ConditionExpression"),
                "Invalid ConditionExpression: The expression can not be empty;");
        fails(
                () -> context().condition(null, "FilterExpression"),
                "Invalid FilterExpression: The expression can not be empty;");
        fails(() -> context().projection(""), "Invalid ProjectionExpression: The expression can not be empty;");
        fails(() -> context().keyCondition(""), "Invalid KeyConditionExpression: The expression can not be empty;");
    }

    @Test
    void syntaxErrorsQuoteTheTokenAndItsNeighbours() {
        update("INVALID SYNTAX HERE", "Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
        update("ADD a : n", "Syntax error; token: \":\", near: \"a : n\"");
        update("SET a = b c", "Syntax error; token: \"c\", near: \"b c\"");
        update("SET #a = :n, #b = :s,", "Syntax error; token: \"<EOF>\", near: \",\"");
        update("ADD a b", "Syntax error; token: \"b\", near: \"a b\"");
        update("SET path = VALUE 1", "Syntax error; token: \"1\", near: \"VALUE 1\"");
        update("SET #a = :n, #, #b = :s", "Syntax error; token: \"#\", near: \", #,\"");
        condition("a", "Syntax error; token: \"<EOF>\", near: \"a\"");
        condition("a != :n", "Syntax error; token: \"!\", near: \"a !=\"");
        condition("a = :n AND", "Syntax error; token: \"<EOF>\", near: \"AND\"");
        condition("(a = :n", "Syntax error; token: \"<EOF>\", near: \":n\"");
        condition("a = 'x'", "Syntax error; token: \"'\", near: \"= 'x\"");
        fails(
                () -> context().projection("a,,b"),
                "Invalid ProjectionExpression: Syntax error; token: \",\", near: \",,b\"");
    }

    @Test
    void undefinedPlaceholdersNameTheParameter() {
        update(
                "SET #x = :n",
                "An expression attribute name used in the document path is not defined; attribute name: #x");
        update("SET a = :v", "An expression attribute value used in expression is not defined; attribute value: :v");
        fails(
                () -> context().condition("#x = :n", "FilterExpression"),
                "Invalid FilterExpression: An expression attribute name used in the document path is not defined; "
                        + "attribute name: #x");
        fails(
                () -> context().projection("a.#x"),
                "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; "
                        + "attribute name: #x");
        fails(
                () -> context().keyCondition("pk = :v"),
                "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :v");
    }

    @Test
    void unusedAndMalformedPlaceholders() {
        ExpressionContext context = new ExpressionContext(names("#a", "a", "#b", "b"), values(":n", n(1), ":m", n(2)));
        context.condition("#a = :n", "ConditionExpression");
        fails(context::checkAllUsed, "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
        ExpressionContext values = new ExpressionContext(null, values(":n", n(1), ":m", n(2), ":o", n(3)));
        values.condition("a = :n", "ConditionExpression");
        fails(
                values::checkAllUsed,
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:m, :o}");
        ExpressionContext shared = new ExpressionContext(names("#a", "a"), values(":n", n(1), ":m", n(2)));
        shared.condition("#a = :n", "ConditionExpression");
        shared.update("SET b = :m");
        assertThatCode(shared::checkAllUsed).doesNotThrowAnyException();
        fails(() -> new ExpressionContext(Map.of(), null), "ExpressionAttributeNames must not be empty");
        fails(() -> new ExpressionContext(null, Map.of()), "ExpressionAttributeValues must not be empty");
        fails(
                () -> new ExpressionContext(names("a", "a"), null),
                "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
        fails(
                () -> new ExpressionContext(names("#a", ""), null),
                "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a");
        fails(
                () -> new ExpressionContext(null, values("#v", n(1))),
                "ExpressionAttributeValues contains invalid key: Syntax error; key: \"#v\"");
    }

    @Test
    void updateClausesAndPaths() {
        update("SET a = :n SET b = :n", "The \"SET\" section can only be used once in an update expression;");
        update("REMOVE a ADD b :n remove c", "The \"REMOVE\" section can only be used once in an update expression;");
        update(
                "SET a = :n REMOVE a",
                "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], "
                        + "path two: [a]");
        update(
                "SET a.b = :n REMOVE a",
                "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, "
                        + "b], path two: [a]");
        update(
                "SET a.b = :n REMOVE a[1]",
                "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, "
                        + "b], path two: [a, [1]]");
        fails(
                () -> context().projection("a, a.b"),
                "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of "
                        + "these paths; path one: [a], path two: [a, b]");
    }

    @Test
    void updateOperandTypesKnownBeforehand() {
        update(
                "DELETE a :n",
                "Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER");
        update("ADD a :s", "Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
        update("ADD a :list", "Incorrect operand type for operator or function; operator: ADD, operand type: LIST");
        update(
                "SET a = b + :s",
                "Incorrect operand type for operator or function; operator or function: +, operand type: S");
        update(
                "SET a = list_append(a, :n)",
                "Incorrect operand type for operator or function; operator or function: list_append, operand type: N");
        update(
                "SET a = if_not_exists(:n, :n)",
                "Operator or function requires a document path; operator or function: if_not_exists");
        update(
                "SET a = list_append(a)",
                "Incorrect number of operands for operator or function; operator or function: list_append, number of "
                        + "operands: 1");
        update("SET a = size(b)", "Invalid function name; function: size");
        update("SET a = b + c + d", "Syntax error; token: \"+\", near: \"c + d\"");
    }

    @Test
    void conditionFunctions() {
        condition("attribute_Exists(a)", "Invalid function name; function: attribute_Exists");
        condition("if_not_exists(a, :n)", "Invalid function name; function: if_not_exists");
        condition(
                "attribute_exists(a, b)",
                "Incorrect number of operands for operator or function; operator or function: attribute_exists, number of "
                        + "operands: 2");
        condition(
                "attribute_exists(:n)",
                "Operator or function requires a document path; operator or function: attribute_exists");
        condition(
                "attribute_exists(a) = :n",
                "The function is not allowed to be used this way in an expression; function: attribute_exists");
        condition("size(a)", "The function is not allowed to be used this way in an expression; function: size");
        condition("(size(a))", "The function is not allowed to be used this way in an expression; function: size");
        condition(
                "(attribute_exists(a)) = :n",
                "The function is not allowed to be used this way in an expression; function: attribute_exists");
        condition(
                "a = attribute_exists(a)",
                "The function is not allowed to be used this way in an expression; function: attribute_exists");
        condition(
                "begins_with(a, :n)",
                "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
        condition(
                "attribute_type(a, :type)",
                "Invalid attribute type name found; type: XX, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        condition(
                "contains(a, a)",
                "The first operand must be distinct from the remaining operands for this operator or function; operator: "
                        + "contains, first operand: [a]");
        condition(
                "#a.b = a.b",
                "The first operand must be distinct from the remaining operands for this operator or function; operator: "
                        + "=, first operand: [a, b]");
    }

    @Test
    void conditionStructure() {
        condition("((a = :n))", "The expression has redundant parentheses;");
        condition("((((a < b))))", "The expression has redundant parentheses;");
        condition("a = ((:n))", "The expression has redundant parentheses;");
        assertThatCode(() -> new ExpressionContext(
                                names("#0", "a", "#1", "b", "#2", "c"), values(":0", n(1), ":1", n(2), ":3", n(3)))
                        .condition(
                                "(attribute_exists (#0)) AND (((#1 <> :0) AND (#1 <> :1)) AND (#2 = :3))",
                                "ConditionExpression"))
                .doesNotThrowAnyException();
        condition(
                "a BETWEEN :hi AND :lo",
                "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound "
                        + "operand: AttributeValue: {N:9}, upper bound operand: AttributeValue: {N:1}");
        condition(
                "a BETWEEN :n AND :s",
                "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: "
                        + "AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}");
    }

    @Test
    void limits() {
        String longName = "a".repeat(ExpressionContext.MAX_EXPRESSION_BYTES);
        fails(
                () -> context().update("SET " + longName + " = :n"),
                "Invalid UpdateExpression: Expression size has exceeded the maximum allowed size; expression size: 4105");
        StringBuilder many = new StringBuilder("a = :n");
        for (int i = 0; i < ConditionParser.MAX_OPERATORS; i++) {
            many.append(" OR a = :n");
        }
        condition(many.toString(), "The expression contains too many operators; operator count: 601");
        String deep = "NOT ".repeat(150) + "a = :n";
        assertThatThrownBy(() -> context().condition(deep, "ConditionExpression"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Invalid ConditionExpression: ");
        StringBuilder path = new StringBuilder("a");
        for (int i = 0; i < Path.MAX_DEPTH; i++) {
            path.append(".b");
        }
        update("REMOVE " + path, "The document path has too many nesting levels; nesting levels: 33");
    }
}
