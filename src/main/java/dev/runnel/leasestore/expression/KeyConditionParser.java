package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.expression.SortKeyCondition.Operator;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Key condition expressions: parsed as conditions, then narrowed to what a query accepts, one or two terms
 * joined by AND (parentheses allowed), each on one top-level attribute: {@code =, <, <=, >, >=}, {@code BETWEEN}
 * or {@code begins_with}. The attribute may stand on either side of a comparator. The errors are DynamoDB's.
 */
final class KeyConditionParser {

    private KeyConditionParser() {}

    static List<KeyConditionTerms.Term> parse(String text, Placeholders placeholders, Problems problems) {
        ConditionNode condition = ConditionParser.parse(text, placeholders, problems);
        List<KeyConditionTerms.Term> terms = new ArrayList<>();
        collect(condition, terms);
        if (terms.size() > 2) {
            throw new ValidationException("Conditions can be of length 1 or 2 only");
        }
        return terms;
    }

    private static void collect(ConditionNode node, List<KeyConditionTerms.Term> terms) {
        if (node instanceof ConditionNode.And and) {
            and.operands().forEach(operand -> collect(operand, terms));
            return;
        }
        KeyConditionTerms.Term term = term(node);
        if (terms.stream().anyMatch(t -> t.attribute().equals(term.attribute()))) {
            throw new ValidationException("KeyConditionExpressions must only contain one condition per key");
        }
        terms.add(term);
    }

    private static KeyConditionTerms.Term term(ConditionNode node) {
        if (node instanceof ConditionNode.Compare compare) {
            return comparison(compare);
        }
        if (node instanceof ConditionNode.Between between) {
            String attribute = keyAttribute(List.of(between.value(), between.lower(), between.upper()));
            if (!(between.value() instanceof Operand.Attribute)) {
                throw firstOperand("BETWEEN");
            }
            return new KeyConditionTerms.Term(
                    attribute, Operator.BETWEEN, List.of(value(between.lower()), value(between.upper())));
        }
        if (node instanceof ConditionNode.BeginsWith beginsWith) {
            String attribute = keyAttribute(List.of(beginsWith.value(), beginsWith.prefix()));
            if (!(beginsWith.value() instanceof Operand.Attribute)) {
                throw firstOperand("begins_with");
            }
            return new KeyConditionTerms.Term(attribute, Operator.BEGINS_WITH, List.of(value(beginsWith.prefix())));
        }
        throw invalidOperator(operatorName(node));
    }

    private static KeyConditionTerms.Term comparison(ConditionNode.Compare compare) {
        if (compare.operator() == RelationalOperator.NE) {
            throw invalidOperator("<>");
        }
        String attribute = keyAttribute(List.of(compare.left(), compare.right()));
        boolean attributeLeft = compare.left() instanceof Operand.Attribute;
        RelationalOperator operator =
                attributeLeft ? compare.operator() : compare.operator().flipped();
        AttributeValue value = value(attributeLeft ? compare.right() : compare.left());
        return new KeyConditionTerms.Term(attribute, Operator.valueOf(operator.name()), List.of(value));
    }

    /** The one top-level attribute among the operands. */
    private static String keyAttribute(List<Operand> operands) {
        String attribute = null;
        for (Operand operand : operands) {
            if (operand instanceof Operand.Size) {
                throw new ValidationException("KeyConditionExpressions cannot contain nested operations");
            }
            if (operand instanceof Operand.Attribute path) {
                if (attribute != null) {
                    throw new ValidationException(
                            "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
                }
                if (!path.path().isTopLevel()) {
                    throw new ValidationException(
                            "KeyConditionExpressions cannot have conditions on nested attributes");
                }
                attribute = path.path().head();
            }
        }
        if (attribute == null) {
            throw new ValidationException("Invalid condition in KeyConditionExpression: No key attribute specified");
        }
        return attribute;
    }

    private static AttributeValue value(Operand operand) {
        return ((Operand.Value) operand).value();
    }

    private static String operatorName(ConditionNode node) {
        if (node instanceof ConditionNode.Or) {
            return "OR";
        }
        if (node instanceof ConditionNode.Not) {
            return "NOT";
        }
        if (node instanceof ConditionNode.In) {
            return "IN";
        }
        if (node instanceof ConditionNode.Exists exists) {
            return exists.exists() ? "attribute_exists" : "attribute_not_exists";
        }
        if (node instanceof ConditionNode.TypeIs) {
            return "attribute_type";
        }
        return "contains";
    }

    private static ValidationException invalidOperator(String operator) {
        return new ValidationException("Invalid operator used in KeyConditionExpression: " + operator);
    }

    private static ValidationException firstOperand(String operator) {
        return new ValidationException("Invalid condition in KeyConditionExpression: " + operator
                + " operator must have the key attribute as its first operand");
    }
}
