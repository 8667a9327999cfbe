package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.List;
import java.util.Optional;

/** The one or two per-attribute conditions of a key condition, before they are matched to the key schema. */
final class KeyConditionTerms {

    /** A condition on one attribute, the attribute on the left. */
    record Term(String attribute, SortKeyCondition.Operator operator, List<AttributeValue> operands) {}

    private KeyConditionTerms() {}

    /** Without the schema: the (first) equality is the partition key, the other term the sort key. */
    static KeyCondition withoutSchema(List<Term> terms) {
        Term partition = terms.stream()
                .filter(term -> term.operator() == SortKeyCondition.Operator.EQ)
                .findFirst()
                .orElseThrow(KeyConditionTerms::notSupported);
        Optional<SortKeyCondition> sort =
                terms.stream().filter(term -> term != partition).findFirst().map(KeyConditionTerms::sortCondition);
        return new KeyCondition(partition.attribute(), partition.operands().get(0), sort);
    }

    /** Matched to the schema, with DynamoDB's errors for a query that does not fit it. */
    static KeyCondition withSchema(List<Term> terms, String partitionKey, String sortKey) {
        if (sortKey == null && terms.size() > 1) {
            throw notSupported();
        }
        Term partition = terms.stream()
                .filter(term -> term.attribute().equals(partitionKey))
                .findFirst()
                .orElseThrow(() -> missed(partitionKey));
        if (partition.operator() != SortKeyCondition.Operator.EQ) {
            throw notSupported();
        }
        Optional<Term> other = terms.stream().filter(term -> term != partition).findFirst();
        if (other.isPresent() && !other.get().attribute().equals(sortKey)) {
            throw missed(sortKey);
        }
        return new KeyCondition(partitionKey, partition.operands().get(0), other.map(KeyConditionTerms::sortCondition));
    }

    private static SortKeyCondition sortCondition(Term term) {
        return new SortKeyCondition(term.attribute(), term.operator(), term.operands());
    }

    static ValidationException notSupported() {
        return new ValidationException("Query key condition not supported");
    }

    private static ValidationException missed(String key) {
        return new ValidationException("Query condition missed key schema element: " + key);
    }
}
