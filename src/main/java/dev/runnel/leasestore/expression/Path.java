package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.List;
import java.util.Map;

/**
 * A document path with its placeholders resolved: a top-level attribute name, then map keys and list indexes.
 * Its first element is always a {@link PathElement.Field}.
 */
record Path(List<PathElement> elements) {

    /** DynamoDB's limit on how deep a document path reaches. */
    static final int MAX_DEPTH = 32;

    Path {
        elements = List.copyOf(elements);
        if (elements.isEmpty() || !(elements.get(0) instanceof PathElement.Field)) {
            throw new ValidationException("A document path starts with an attribute name");
        }
    }

    static Path of(String attribute) {
        return new Path(List.of(new PathElement.Field(attribute)));
    }

    /** The top-level attribute the path starts from. */
    String head() {
        return ((PathElement.Field) elements.get(0)).name();
    }

    boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** The value at this path in the item, or null where the path leads nowhere. */
    AttributeValue resolve(Map<String, AttributeValue> item) {
        AttributeValue current = item.get(head());
        for (int i = 1; i < elements.size() && current != null; i++) {
            current = child(current, elements.get(i));
        }
        return current;
    }

    private static AttributeValue child(AttributeValue container, PathElement element) {
        if (element instanceof PathElement.Field field && container instanceof AttributeValue.M map) {
            return map.values().get(field.name());
        }
        if (element instanceof PathElement.Index index && container instanceof AttributeValue.L list) {
            return index.index() < list.values().size() ? list.values().get(index.index()) : null;
        }
        return null;
    }

    /**
     * Reports the first two paths of a list that overlap (one is the other or lies inside it) or conflict (one
     * goes on by key where the other goes on by index), as DynamoDB does for update and projection expressions.
     */
    static void checkOverlaps(List<Path> paths, Problems problems) {
        for (int j = 1; j < paths.size(); j++) {
            for (int i = 0; i < j; i++) {
                compare(paths.get(i), paths.get(j), problems);
            }
        }
    }

    private static void compare(Path one, Path two, Problems problems) {
        int common = Math.min(one.elements.size(), two.elements.size());
        for (int k = 0; k < common; k++) {
            PathElement a = one.elements.get(k);
            PathElement b = two.elements.get(k);
            if (a.getClass() != b.getClass()) {
                problems.report(Problems.Kind.CONFLICT, Messages.conflict(one, two));
                return;
            }
            if (!a.equals(b)) {
                return;
            }
        }
        problems.report(Problems.Kind.OVERLAP, Messages.overlap(one, two));
    }

    /** The path as DynamoDB shows it in messages: {@code [a, b, [2]]}. */
    String display() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(elements.get(i));
        }
        return text.append(']').toString();
    }

    /** The path as expression text, {@code a.b[2]} (names as they are, without placeholders). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(head());
        for (int i = 1; i < elements.size(); i++) {
            PathElement element = elements.get(i);
            text.append(element instanceof PathElement.Field ? "." : "").append(element);
        }
        return text.toString();
    }
}
