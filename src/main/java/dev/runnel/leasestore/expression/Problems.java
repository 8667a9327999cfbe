package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.ValidationException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The semantic problems found while parsing one expression. DynamoDB reports syntax errors first (the parser
 * throws those at once); of the rest it reports one, by a fixed order of kinds, and within a kind the first one
 * found in the text. {@link #throwFirst} applies that order after a parse that had no syntax error.
 */
final class Problems {

    /** The kinds of problem, in the order DynamoDB reports them. */
    enum Kind {
        LIMIT,
        PARENTHESES,
        UNKNOWN_FUNCTION,
        SECTION,
        MISUSED_FUNCTION,
        UNDEFINED_NAME,
        UNDEFINED_VALUE,
        OVERLAP,
        CONFLICT,
        OPERAND_COUNT,
        DISTINCT,
        OPERAND_TYPE
    }

    private final String parameter;
    private final Map<Kind, String> first = new EnumMap<>(Kind.class);

    Problems(String parameter) {
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }

    void report(Kind kind, String detail) {
        first.putIfAbsent(kind, detail);
    }

    /** Throws the problem DynamoDB would report, if any, as {@code Invalid <parameter>: <detail>}. */
    void throwFirst() {
        for (Map.Entry<Kind, String> entry : first.entrySet()) {
            throw invalid(entry.getValue());
        }
    }

    /** {@code Invalid <parameter>: <detail>}, DynamoDB's wording for a bad expression. */
    ValidationException invalid(String detail) {
        return Messages.invalid(parameter, detail);
    }
}
