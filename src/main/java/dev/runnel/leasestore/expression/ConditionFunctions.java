package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.expression.ConditionParser.Term;
import dev.runnel.leasestore.model.AttributeValue;
import java.util.List;
import java.util.Map;

/**
 * The functions of condition expressions, checked as DynamoDB checks them: the name (case-sensitive), the number
 * of operands, distinct operands, and the types of {@code :value} operands.
 */
final class ConditionFunctions {

    private static final Map<String, Integer> ARITY = Map.of(
            "attribute_exists", 1,
            "attribute_not_exists", 1,
            "attribute_type", 2,
            "begins_with", 2,
            "contains", 2,
            "size", 1);

    private ConditionFunctions() {}

    /** The term for {@code name(arguments)}, after reporting any problem with it. */
    static Term call(String name, List<Operand> arguments, Problems problems) {
        Integer arity = ARITY.get(name);
        if (arity == null) {
            problems.report(Problems.Kind.UNKNOWN_FUNCTION, Messages.unknownFunction(name));
            return unusable();
        }
        if (arguments.size() != arity) {
            problems.report(Problems.Kind.OPERAND_COUNT, Messages.operandCount(name, arguments.size()));
            return unusable();
        }
        if (arity == 2
                && arguments.get(0) instanceof Operand.Attribute a
                && arguments.get(0).equals(arguments.get(1))) {
            problems.report(Problems.Kind.DISTINCT, Messages.distinct(name, a.path()));
        }
        Operand first = arguments.get(0);
        return switch (name) {
            case "attribute_exists", "attribute_not_exists" -> exists(name, first, problems);
            case "attribute_type" -> type(first, arguments.get(1), problems);
            case "begins_with" -> beginsWith(first, arguments.get(1), problems);
            case "contains" -> function(name, new ConditionNode.Contains(first, arguments.get(1)));
            default -> size(first, problems);
        };
    }

    private static Term exists(String name, Operand argument, Problems problems) {
        if (!(argument instanceof Operand.Attribute attribute)) {
            problems.report(Problems.Kind.OPERAND_TYPE, Messages.needsPath(name));
            return unusable();
        }
        return function(name, new ConditionNode.Exists(attribute.path(), name.equals("attribute_exists")));
    }

    private static Term type(Operand argument, Operand type, Problems problems) {
        String name = "attribute_type";
        if (!(type instanceof Operand.Value value) || !(value.value() instanceof AttributeValue.S typeName)) {
            String actual =
                    type instanceof Operand.Value value ? value.value().type() : "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}";
            problems.report(Problems.Kind.OPERAND_TYPE, Messages.operandType(name, actual));
            return unusable();
        }
        if (!ConditionParser.isTypeName(typeName.value())) {
            problems.report(
                    Problems.Kind.OPERAND_TYPE,
                    "Invalid attribute type name found; type: " + typeName.value()
                            + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
            return unusable();
        }
        if (!(argument instanceof Operand.Attribute attribute)) {
            problems.report(Problems.Kind.OPERAND_TYPE, Messages.needsPath(name));
            return unusable();
        }
        return function(name, new ConditionNode.TypeIs(attribute.path(), value));
    }

    private static Term beginsWith(Operand value, Operand prefix, Problems problems) {
        for (Operand operand : List.of(value, prefix)) {
            if (operand instanceof Operand.Value v
                    && !v.value().type().equals("S")
                    && !v.value().type().equals("B")) {
                problems.report(
                        Problems.Kind.OPERAND_TYPE,
                        Messages.operandType("begins_with", v.value().type()));
            }
        }
        return function("begins_with", new ConditionNode.BeginsWith(value, prefix));
    }

    private static Term size(Operand argument, Problems problems) {
        if (argument instanceof Operand.Value v
                && List.of("N", "BOOL", "NULL").contains(v.value().type())) {
            problems.report(
                    Problems.Kind.OPERAND_TYPE,
                    Messages.operandType("size", v.value().type()));
        }
        return new Term(null, new Operand.Size(argument), "size", false);
    }

    private static Term function(String name, ConditionNode condition) {
        return new Term(condition, null, name, false);
    }

    /** Stands in for a call already reported as wrong: usable as either kind, so parsing goes on. */
    private static Term unusable() {
        return new Term(ConditionParser.noCondition(), ConditionParser.noOperand(), null, false);
    }
}
