package dev.runnel.aws.cloudwatch;

import java.util.Set;

/** CloudWatch's units (its {@code StandardUnit} enumeration), the only values {@code Unit} takes. */
final class StandardUnits {

    /** The unit of a datum that names none. */
    static final String NONE = "None";

    private static final Set<String> ALL = Set.of(
            "Seconds",
            "Microseconds",
            "Milliseconds",
            "Bytes",
            "Kilobytes",
            "Megabytes",
            "Gigabytes",
            "Terabytes",
            "Bits",
            "Kilobits",
            "Megabits",
            "Gigabits",
            "Terabits",
            "Percent",
            "Count",
            "Bytes/Second",
            "Kilobytes/Second",
            "Megabytes/Second",
            "Gigabytes/Second",
            "Terabytes/Second",
            "Bits/Second",
            "Kilobits/Second",
            "Megabits/Second",
            "Gigabits/Second",
            "Terabits/Second",
            "Count/Second",
            NONE);

    private StandardUnits() {}

    static boolean contains(String unit) {
        return ALL.contains(unit);
    }
}
