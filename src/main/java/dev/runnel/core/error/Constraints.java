package dev.runnel.core.error;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects violations of service-model constraints and reports them together as one
 * {@link ValidationException}, worded as AWS words them. Member paths are lowerCamel
 * ({@code streamName}, {@code records.1.partitionKey}); list indexes count from 1.
 *
 * <p>Not thread-safe: make one per request.
 */
public final class Constraints {

    /** Violations with their member paths, in the order found. */
    private final List<String[]> violations = new ArrayList<>();

    public static Constraints check() {
        return new Constraints();
    }

    /** The member must be present. Returns whether it is, so callers can skip further checks. */
    public boolean required(String path, Object value) {
        if (value == null) {
            add(path, violation(path, null, "Member must not be null"));
            return false;
        }
        return true;
    }

    /** A string's length in characters (code points) must lie in [min, max]; null passes. */
    public Constraints length(String path, String value, int min, int max) {
        if (value == null) {
            return this;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            add(path, violation(path, quoted(value), "Member must have length greater than or equal to " + min));
        } else if (length > max) {
            add(path, violation(path, quoted(value), "Member must have length less than or equal to " + max));
        }
        return this;
    }

    /** A collection's or blob's size must lie in [min, max]; {@code shown} is how the value is printed. */
    public Constraints size(String path, String shown, long size, long min, long max) {
        if (size < min) {
            add(path, violation(path, quoted(shown), "Member must have length greater than or equal to " + min));
        } else if (size > max) {
            add(path, violation(path, quoted(shown), "Member must have length less than or equal to " + max));
        }
        return this;
    }

    /**
     * A string's pattern and length, reported in AWS's order (pattern first); null passes.
     */
    public Constraints string(String path, String value, int min, int max, Pattern pattern) {
        return pattern(path, value, pattern).length(path, value, min, max);
    }

    /** A string must match the whole pattern; null passes. */
    public Constraints pattern(String path, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            add(
                    path,
                    violation(
                            path,
                            quoted(value),
                            "Member must satisfy regular expression pattern: " + pattern.pattern()));
        }
        return this;
    }

    /** A number must lie in [min, max]; null passes. */
    public Constraints range(String path, Long value, long min, long max) {
        if (value == null) {
            return this;
        }
        if (value < min) {
            add(
                    path,
                    violation(
                            path, quoted(value.toString()), "Member must have value greater than or equal to " + min));
        } else if (value > max) {
            add(path, violation(path, quoted(value.toString()), "Member must have value less than or equal to " + max));
        }
        return this;
    }

    public Constraints range(String path, Integer value, long min, long max) {
        return range(path, value == null ? null : value.longValue(), min, max);
    }

    /** Adds a violation checked elsewhere, e.g. an enum value set. */
    public Constraints violation(String path, String value, boolean ok, String rule) {
        if (!ok) {
            add(path, violation(path, value == null ? null : quoted(value), rule));
        }
        return this;
    }

    private void add(String path, String text) {
        violations.add(new String[] {path, text});
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /**
     * Throws a {@link ValidationException} naming every violation found so far, ordered as AWS orders them:
     * by member path (list indexes numerically), and in the order found within one member.
     */
    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            List<String[]> sorted = new ArrayList<>(violations);
            sorted.sort((a, b) -> comparePaths(a[0], b[0]));
            throw ValidationException.of(sorted.stream().map(v -> v[1]).toList());
        }
    }

    private static int comparePaths(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            boolean numbers = left[i].chars().allMatch(Character::isDigit)
                    && right[i].chars().allMatch(Character::isDigit)
                    && !left[i].isEmpty()
                    && !right[i].isEmpty();
            int c = numbers
                    ? Long.compare(Long.parseLong(left[i]), Long.parseLong(right[i]))
                    : left[i].compareTo(right[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    private static String violation(String path, String shownValue, String rule) {
        return "Value " + (shownValue == null ? "null" : shownValue) + " at '" + path
                + "' failed to satisfy constraint: " + rule;
    }

    private static String quoted(String value) {
        return "'" + value + "'";
    }
}
