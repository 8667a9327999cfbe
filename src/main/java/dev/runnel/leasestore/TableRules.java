package dev.runnel.leasestore;

import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** DynamoDB's rules for table and index definitions, worded as DynamoDB words them. */
public final class TableRules {

    static final int MAX_INDEXES = 20;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private TableRules() {}

    /** @throws ValidationException unless {@code name} is 3 to 255 of {@code [a-zA-Z0-9_.-]} */
    public static String checkName(String name, String parameter) {
        if (name == null) {
            throw new ValidationException("1 validation error detected: Value null at '" + parameter
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (name.length() < 3 || name.length() > 255) {
            throw new ValidationException("1 validation error detected: Value '" + name + "' at '" + parameter
                    + "' failed to satisfy constraint: Member must have length "
                    + (name.length() < 3 ? "greater than or equal to 3" : "less than or equal to 255"));
        }
        if (!NAME.matcher(name).matches()) {
            throw new ValidationException("1 validation error detected: Value '" + name + "' at '" + parameter
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "[a-zA-Z0-9_.-]+");
        }
        return name;
    }

    /** A table's or index's key schema: one HASH element, then at most one RANGE element, each defined. */
    static KeySchema keySchema(List<NewTable.KeyElement> elements, Map<String, String> definitions) {
        if (elements == null || elements.isEmpty() || elements.size() > 2) {
            throw new ValidationException("1 validation error detected: Value at 'keySchema' failed to satisfy"
                    + " constraint: Member must have length less than or equal to 2 and greater than or equal to 1");
        }
        NewTable.KeyElement first = elements.get(0);
        if (!"HASH".equals(first.keyType())) {
            throw new ValidationException("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        Optional<KeyAttribute> sort = Optional.empty();
        if (elements.size() == 2) {
            NewTable.KeyElement second = elements.get(1);
            if (!"RANGE".equals(second.keyType())) {
                throw new ValidationException("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
            }
            if (second.attributeName().equals(first.attributeName())) {
                throw new ValidationException("Invalid KeySchema: Some index key attribute have no definition");
            }
            sort = Optional.of(defined(second.attributeName(), definitions));
        }
        return new KeySchema(defined(first.attributeName(), definitions), sort);
    }

    private static KeyAttribute defined(String name, Map<String, String> definitions) {
        String type = definitions.get(name);
        if (type == null) {
            throw new ValidationException("One or more parameter values were invalid: Some index key attributes are"
                    + " not defined in AttributeDefinitions. Keys: [" + name + "], AttributeDefinitions: "
                    + definitions.keySet());
        }
        return new KeyAttribute(name, type);
    }

    /** Every attribute definition is used by a key of the table or of an index, and no other is given. */
    static void checkDefinitionsUsed(Map<String, String> definitions, KeySchema table, List<IndexDefinition> indexes) {
        Set<String> used = new LinkedHashSet<>(table.names());
        indexes.forEach(i -> used.addAll(i.keySchema().names()));
        if (!used.equals(definitions.keySet())) {
            throw new ValidationException("One or more parameter values were invalid: Number of attributes in"
                    + " KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
    }

    /** The capacity of a table or index: both units with PROVISIONED billing, neither on demand. */
    static long[] capacity(String billingMode, Long read, Long write, String what) {
        if ("PAY_PER_REQUEST".equals(billingMode)) {
            if (read != null || write != null) {
                throw new ValidationException("One or more parameter values were invalid: Neither ReadCapacityUnits"
                        + " nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            return new long[] {0, 0};
        }
        if (read == null || write == null) {
            throw new ValidationException("One or more parameter values were invalid: ReadCapacityUnits and"
                    + " WriteCapacityUnits must both be specified when BillingMode is PROVISIONED" + what);
        }
        if (read < 1 || write < 1) {
            throw new ValidationException("One or more parameter values were invalid: Each of ReadCapacityUnits and"
                    + " WriteCapacityUnits must be at least 1");
        }
        return new long[] {read, write};
    }

    static String billingMode(String requested) {
        if (requested == null) {
            return "PROVISIONED";
        }
        if (!requested.equals("PROVISIONED") && !requested.equals("PAY_PER_REQUEST")) {
            throw new ValidationException("1 validation error detected: Value '" + requested + "' at 'billingMode'"
                    + " failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED,"
                    + " PAY_PER_REQUEST]");
        }
        return requested;
    }

    /** The indexes of a new table, or the ones an UpdateTable adds, checked against the table's definitions. */
    static List<IndexDefinition> indexes(
            List<NewTable.NewIndex> requested,
            Map<String, String> definitions,
            String billingMode,
            List<IndexDefinition> existing) {
        List<IndexDefinition> indexes = new ArrayList<>(existing);
        Set<String> names = new HashSet<>();
        existing.forEach(i -> names.add(i.name()));
        for (NewTable.NewIndex index : requested) {
            checkName(index.name(), "indexName");
            if (!names.add(index.name())) {
                throw new ValidationException(
                        "One or more parameter values were invalid: Duplicate index name: " + index.name());
            }
            String projection = index.projectionType() == null ? "ALL" : index.projectionType();
            if (!List.of("ALL", "KEYS_ONLY", "INCLUDE").contains(projection)) {
                throw new ValidationException("1 validation error detected: Value '" + projection
                        + "' at 'projection.projectionType' failed to satisfy constraint: Member must satisfy enum"
                        + " value set: [ALL, INCLUDE, KEYS_ONLY]");
            }
            if (!projection.equals("INCLUDE") && !index.nonKeyAttributes().isEmpty()) {
                throw new ValidationException("One or more parameter values were invalid: ProjectionType is "
                        + projection + ", but NonKeyAttributes is specified");
            }
            long[] capacity =
                    capacity(billingMode, index.readCapacity(), index.writeCapacity(), " (index " + index.name() + ")");
            indexes.add(new IndexDefinition(
                    index.name(),
                    keySchema(index.keySchema(), definitions),
                    projection,
                    index.nonKeyAttributes(),
                    capacity[0],
                    capacity[1]));
        }
        if (indexes.size() > MAX_INDEXES) {
            throw new ValidationException("One or more parameter values were invalid: GlobalSecondaryIndex count"
                    + " exceeds the per-table limit of " + MAX_INDEXES);
        }
        return indexes;
    }
}
