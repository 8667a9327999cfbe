package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.Map;

/** DynamoDB's wording for expression errors, in one place. */
final class Messages {

    static final String INCORRECT_DATA_TYPE = "An operand in the update expression has an incorrect data type";
    static final String MISSING_ATTRIBUTE =
            "The provided expression refers to an attribute that does not exist in the item";
    static final String INVALID_DOCUMENT_PATH =
            "The document path provided in the update expression is invalid for update";

    private static final Map<String, String> TYPE_WORDS = Map.of(
            "S", "STRING", "N", "NUMBER", "B", "BINARY", "NULL", "NULL", "BOOL", "BOOLEAN", "L", "LIST", "M", "MAP");

    private Messages() {}

    static ValidationException invalid(String parameter, String detail) {
        return new ValidationException("Invalid " + parameter + ": " + detail);
    }

    static ValidationException empty(String parameter) {
        return invalid(parameter, "The expression can not be empty;");
    }

    static String undefinedName(String placeholder) {
        return "An expression attribute name used in the document path is not defined; attribute name: " + placeholder;
    }

    static String undefinedValue(String placeholder) {
        return "An expression attribute value used in expression is not defined; attribute value: " + placeholder;
    }

    static String unknownFunction(String name) {
        return "Invalid function name; function: " + name;
    }

    static String misusedFunction(String name) {
        return "The function is not allowed to be used this way in an expression; function: " + name;
    }

    static String operandCount(String function, int count) {
        return "Incorrect number of operands for operator or function; operator or function: " + function
                + ", number of operands: " + count;
    }

    static String needsPath(String function) {
        return "Operator or function requires a document path; operator or function: " + function;
    }

    static String operandType(String function, String type) {
        return "Incorrect operand type for operator or function; operator or function: " + function + ", operand type: "
                + type;
    }

    /** The update clauses name the type in words: {@code operator: DELETE, operand type: NUMBER}. */
    static String clauseOperandType(String clause, AttributeValue value) {
        return "Incorrect operand type for operator or function; operator: " + clause + ", operand type: "
                + TYPE_WORDS.getOrDefault(value.type(), value.type());
    }

    static String distinct(String operator, Path path) {
        return "The first operand must be distinct from the remaining operands for this operator or function; "
                + "operator: " + operator + ", first operand: " + path.display();
    }

    static String overlap(Path one, Path two) {
        return "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                + one.display() + ", path two: " + two.display();
    }

    static String conflict(Path one, Path two) {
        return "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: "
                + one.display() + ", path two: " + two.display();
    }

    /** How DynamoDB quotes a value in messages: {@code {N:5}}, {@code {S:abc}}. */
    static String quote(AttributeValue value) {
        String text = switch (value.type()) {
            case "S" -> ((AttributeValue.S) value).value();
            case "N" -> ((AttributeValue.N) value).text();
            case "B" -> ((AttributeValue.B) value).value().toString();
            case "SS" -> ((AttributeValue.SS) value).values().toString();
            case "NS" -> ((AttributeValue.NS) value).values().toString();
            case "BS" -> ((AttributeValue.BS) value).values().toString();
            case "BOOL" -> String.valueOf(((AttributeValue.Bool) value).value());
            case "NULL" -> "true";
            default -> String.valueOf(value);
        };
        return "{" + value.type() + ":" + text + "}";
    }
}
