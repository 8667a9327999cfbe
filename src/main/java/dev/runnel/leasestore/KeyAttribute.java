package dev.runnel.leasestore;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;

/**
 * One key attribute of a table or index: its name and scalar type ({@code S}, {@code N} or {@code B}, from the
 * table's AttributeDefinitions).
 */
public record KeyAttribute(String name, String type) {

    public KeyAttribute {
        if (!type.equals("S") && !type.equals("N") && !type.equals("B")) {
            throw new ValidationException("1 validation error detected: Value '" + type
                    + "' at 'attributeDefinitions.member.attributeType' failed to satisfy constraint: Member must"
                    + " satisfy enum value set: [B, N, S]");
        }
    }

    /** Whether {@code value} is of this attribute's type. */
    boolean accepts(AttributeValue value) {
        return value != null && value.type().equals(type);
    }
}
