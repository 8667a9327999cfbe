package dev.runnel.leasestore.model;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A TransactWriteItems call was cancelled: nothing was written. One reason per action, in request order;
 * {@code None} for the actions that did not cause it.
 */
public final class TransactionCanceledException extends DynamoDbException {

    /** Why one action of the transaction failed ({@code code} is {@code None} when it did not). */
    public record Reason(String code, String message, Map<String, AttributeValue> item) {

        public static Reason none() {
            return new Reason("None", null, null);
        }
    }

    private final transient List<Reason> reasons;

    public TransactionCanceledException(List<Reason> reasons) {
        super("Transaction cancelled, please refer cancellation reasons for specific reasons ["
                + reasons.stream().map(Reason::code).collect(Collectors.joining(", ")) + "]");
        this.reasons = List.copyOf(reasons);
    }

    public List<Reason> reasons() {
        return reasons;
    }
}
