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

    private final List<String> violations = new ArrayList<>();

    public static Constraints check() {
        return new Constraints();
    }

    /** The member must be present. Returns whether it is, so callers can skip further checks. */
    public boolean required(String path, Object value) {
        if (value == null) {
            violations.add(violation(path, null, "Member must not be null"));
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
            violations.add(violation(path, quoted(value), "Member must have length greater than or equal to " + min));
        } else if (length > max) {
            violations.add(violation(path, quoted(value), "Member must have length less than or equal to " + max));
        }
        return this;
    }

    /** A collection's or blob's size must lie in [min, max]; {@code shown} is how the value is printed. */
    public Constraints size(String path, String shown, long size, long min, long max) {
        if (size < min) {
            violations.add(violation(path, quoted(shown), "Member must have length greater than or equal to " + min));
        } else if (size > max) {
            violations.add(violation(path, quoted(shown), "Member must have length less than or equal to " + max));
        }
        return this;
    }

    /** A string must match the whole pattern; null passes. */
    public Constraints pattern(String path, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            violations.add(violation(path, quoted(value),
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
            violations.add(violation(path, quoted(value.toString()), "Member must have value greater than or equal to " + min));
        } else if (value > max) {
            violations.add(violation(path, quoted(value.toString()), "Member must have value less than or equal to " + max));
        }
        return this;
    }

    public Constraints range(String path, Integer value, long min, long max) {
        return range(path, value == null ? null : value.longValue(), min, max);
    }

    /** Adds a violation checked elsewhere, e.g. an enum value set. */
    public Constraints violation(String path, String value, boolean ok, String rule) {
        if (!ok) {
            violations.add(violation(path, value == null ? null : quoted(value), rule));
        }
        return this;
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /** Throws a {@link ValidationException} naming every violation found so far. */
    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw ValidationException.of(violations);
        }
    }

    private static String violation(String path, String shownValue, String rule) {
        return "Value " + (shownValue == null ? "null" : shownValue) + " at '" + path + "' failed to satisfy constraint: " + rule;
    }

    private static String quoted(String value) {
        return "'" + value + "'";
    }
}
