package dev.runnel.aws.shapes;

import dev.runnel.aws.AwsContext;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.Messages;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.stream.StreamName;
import dev.runnel.streams.ConsumerService;
import dev.runnel.streams.ResourcePolicyService.Target;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules shared by the operations on resources named by ARN (tagging, resource policies, channels): the ARN kinds
 * (stream, consumer, channel), tag maps and tag-key lists.
 */
public final class Resources {

    /** The service model's pattern of a resource ARN: a stream, a consumer or a channel. */
    private static final Pattern RESOURCE_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:.*(stream|channel)/\\S+");
    /** The service model's pattern of a channel ARN. */
    public static final Pattern CHANNEL_ARN_MODEL = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:channel/\\S+");

    private static final Pattern CONSUMER_ARN = Pattern.compile("arn:aws[a-z-]*:kinesis:([a-z0-9-]+):(\\d{12}):"
            + "stream/([a-zA-Z0-9_.-]{1,128})/consumer/[a-zA-Z0-9_.-]{1,128}:\\d{1,19}");
    private static final Pattern CHANNEL_ARN =
            Pattern.compile("arn:aws[a-z-]*:kinesis:([a-z0-9-]+):(\\d{12}):channel/([a-zA-Z0-9_.-]{1,128})");

    private Resources() {}

    public static void checkArn(Constraints check, String resourceARN) {
        if (check.required("resourceARN", resourceARN)) {
            check.string("resourceARN", resourceARN, 1, 2048, RESOURCE_ARN);
        }
    }

    public static void checkChannelArn(Constraints check, String channelARN) {
        if (check.required("channelARN", channelARN)) {
            check.string("channelARN", channelARN, 1, 2048, CHANNEL_ARN_MODEL);
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

    /** Whether a resource ARN names a channel rather than a stream or consumer. */
    public static boolean isChannel(String resourceARN) {
        return CHANNEL_ARN_MODEL.matcher(resourceARN).matches();
    }

    /**
     * The resource a policy operation names: a stream, a consumer of one ({@code <stream ARN>/consumer/<name>:<epoch
     * seconds>}) or a channel, in this caller's account and region.
     */
    public static Target policyTarget(AwsContext context, String resourceARN) {
        Matcher consumer = CONSUMER_ARN.matcher(resourceARN);
        if (consumer.matches()) {
            if (!consumer.group(1).equals(context.region().region())
                    || !consumer.group(2).equals(context.account())) {
                throw Messages.streamNotFound(consumer.group(3), consumer.group(2));
            }
            return new Target.OfConsumer(new StreamName(consumer.group(3)), resourceARN);
        }
        if (resourceARN.contains("/consumer/")) {
            throw new InvalidArgumentException("Invalid ResourceARN: " + resourceARN + ".");
        }
        if (isChannel(resourceARN)) {
            return new Target.OfChannel(channelName(context, resourceARN));
        }
        return new Target.OfStream(context.streamOfArn(resourceARN));
    }

    /** The channel a channel ARN names in this caller's account and region. */
    public static String channelName(AwsContext context, String channelARN) {
        Matcher matcher = CHANNEL_ARN.matcher(channelARN);
        if (!matcher.matches()) {
            throw new InvalidArgumentException("Invalid ChannelARN: " + channelARN + ".");
        }
        if (!matcher.group(1).equals(context.region().region())
                || !matcher.group(2).equals(context.account())) {
            throw new ResourceNotFoundException(
                    "Channel " + matcher.group(3) + " under account " + matcher.group(2) + " not found.");
        }
        return matcher.group(3);
    }
}
