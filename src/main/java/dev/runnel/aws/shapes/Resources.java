package dev.runnel.aws.shapes;

import dev.runnel.aws.AwsContext;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.stream.StreamName;
import dev.runnel.streams.ConsumerService;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Rules shared by the tagging operations: ARNs of resources, tag maps and tag-key lists. */
public final class Resources {

    private static final Pattern RESOURCE_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+");

    private Resources() {}

    public static void checkArn(Constraints check, String resourceARN) {
        if (check.required("resourceARN", resourceARN)) {
            check.string("resourceARN", resourceARN, 1, 2048, RESOURCE_ARN);
        }
    }

    public static void checkTags(Constraints check, Map<String, String> tags) {
        if (check.required("tags", tags)) {
            check.size("tags", "{...}", tags.size(), 1, 200);
        }
    }

    public static void checkTagKeys(Constraints check, List<String> tagKeys) {
        if (check.required("tagKeys", tagKeys)) {
            check.size("tagKeys", "[...]", tagKeys.size(), 1, 50);
            for (int i = 0; i < tagKeys.size(); i++) {
                check.length("tagKeys." + (i + 1), tagKeys.get(i), 1, 128);
            }
        }
    }

    /** Whether a resource ARN names a consumer rather than a stream. */
    public static boolean isConsumer(String resourceARN) {
        return resourceARN.contains("/consumer/");
    }

    /** The stream a stream's resource ARN names. */
    public static StreamName stream(AwsContext context, String resourceARN) {
        return context.streamOfArn(resourceARN);
    }

    /** The consumer a consumer's resource ARN names. */
    public static ConsumerService.ConsumerRef consumer(AwsContext context, String resourceARN) {
        return context.consumer(null, null, resourceARN);
    }
}
