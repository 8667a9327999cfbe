package dev.runnel.aws.shapes;

import dev.runnel.aws.shapes.AwsShapes.StreamModeDetails;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.RecordDistribution;
import dev.runnel.core.stream.StreamMode;
import java.util.Arrays;

/**
 * Reading {@code StreamModeDetails}, a member of CreateStream and UpdateStreamMode, and {@code
 * RecordDistributionStrategy}, which only ON_DEMAND streams may set to AUTO.
 */
public final class Modes {

    private Modes() {}

    public static void check(Constraints check, String path, StreamModeDetails details) {
        if (details != null && check.required(path + ".streamMode", details.streamMode())) {
            check.violation(
                    path + ".streamMode",
                    details.streamMode(),
                    isMode(details.streamMode()),
                    "Member must satisfy enum value set: " + Arrays.toString(StreamMode.values()));
        }
    }

    /** A {@code RecordDistributionStrategy} member must be one of the enum's values; null passes. */
    public static void checkDistribution(Constraints check, String strategy) {
        if (strategy != null) {
            check.violation(
                    "recordDistributionStrategy",
                    strategy,
                    Arrays.stream(RecordDistribution.values())
                            .anyMatch(d -> d.name().equals(strategy)),
                    "Member must satisfy enum value set: " + Arrays.toString(RecordDistribution.values()));
        }
    }

    /** The strategy asked for; USER_PARTITION_KEY when absent. */
    public static RecordDistribution distribution(String strategy) {
        return strategy == null ? RecordDistribution.USER_PARTITION_KEY : RecordDistribution.valueOf(strategy);
    }

    /** The mode asked for; PROVISIONED when absent. */
    public static StreamMode of(StreamModeDetails details) {
        return details == null ? StreamMode.PROVISIONED : StreamMode.valueOf(details.streamMode());
    }

    private static boolean isMode(String value) {
        return Arrays.stream(StreamMode.values()).anyMatch(mode -> mode.name().equals(value));
    }
}
