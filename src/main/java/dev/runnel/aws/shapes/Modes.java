package dev.runnel.aws.shapes;

import dev.runnel.aws.shapes.AwsShapes.StreamModeDetails;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.StreamMode;
import java.util.Arrays;

/** Reading {@code StreamModeDetails}, a member of CreateStream and UpdateStreamMode. */
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

    /** The mode asked for; PROVISIONED when absent. */
    public static StreamMode of(StreamModeDetails details) {
        return details == null ? StreamMode.PROVISIONED : StreamMode.valueOf(details.streamMode());
    }

    private static boolean isMode(String value) {
        return Arrays.stream(StreamMode.values()).anyMatch(mode -> mode.name().equals(value));
    }
}
