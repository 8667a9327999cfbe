package dev.runnel.core.stream;

import dev.runnel.core.error.Constraints;
import java.util.regex.Pattern;

/** A stream's name: 1 to 128 characters of {@code [a-zA-Z0-9_.-]}, unique per account and region. */
public record StreamName(String value) implements Comparable<StreamName> {

    public static final Pattern PATTERN = Pattern.compile("[a-zA-Z0-9_.-]+");

    public StreamName {
        Constraints check = Constraints.check();
        if (check.required("streamName", value)) {
            check.string("streamName", value, 1, 128, PATTERN);
        }
        check.throwIfInvalid();
    }

    public static StreamName of(String value) {
        return new StreamName(value);
    }

    @Override
    public int compareTo(StreamName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
