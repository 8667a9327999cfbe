package dev.runnel.aws;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.Messages;
import dev.runnel.core.stream.StreamName;
import dev.runnel.records.RecordService;
import dev.runnel.records.ShardIteratorService;
import dev.runnel.records.Subscriptions;
import dev.runnel.regions.RegionServices;
import dev.runnel.streams.AccountSettingsService;
import dev.runnel.streams.ChannelService;
import dev.runnel.streams.ConsumerService;
import dev.runnel.streams.ReshardingService;
import dev.runnel.streams.ResourcePolicyService;
import dev.runnel.streams.StreamService;
import dev.runnel.streams.StreamSettingsService;
import dev.runnel.tokens.TokenSigner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operation needs besides its input: the caller's region (its services) and account, and the rules
 * for naming a stream by {@code StreamName} and/or {@code StreamARN}.
 */
public record AwsContext(RegionServices region, String account, TokenSigner signer) {

    /** The service model's pattern for a stream ARN. */
    public static final Pattern STREAM_ARN_MODEL = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");

    /** The service model's pattern for a consumer ARN. */
    public static final Pattern CONSUMER_ARN_MODEL = Pattern.compile(
            "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+");

    private static final Pattern CONSUMER_ARN = Pattern.compile("(arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\\d{12}:"
            + "stream/[a-zA-Z0-9_.-]{1,128})/consumer/([a-zA-Z0-9_.-]{1,128}):(\\d{1,18})");

    private static final Pattern STREAM_ARN =
            Pattern.compile("arn:aws[a-z-]*:kinesis:([a-z0-9-]+):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})");

    public StreamService streams() {
        return region.streams();
    }

    public StreamSettingsService settings() {
        return region.settings();
    }

    public ReshardingService resharding() {
        return region.resharding();
    }

    public ShardIteratorService iterators() {
        return region.iterators();
    }

    public RecordService records() {
        return region.records();
    }

    public ConsumerService consumers() {
        return region.consumers();
    }

    public Subscriptions subscriptions() {
        return region.subscriptions();
    }

    public AccountSettingsService accountSettings() {
        return region.accountSettings();
    }

    public ChannelService channels() {
        return region.channels();
    }

    public ResourcePolicyService policies() {
        return region.policies();
    }

    /** Adds the model constraints of the optional {@code StreamName} and {@code StreamARN} members. */
    public static void checkStreamMembers(Constraints check, String streamName, String streamARN) {
        check.string("streamName", streamName, 1, 128, StreamName.PATTERN);
        check.string("streamARN", streamARN, 1, 2048, STREAM_ARN_MODEL);
    }

    /**
     * The stream a request names by name, by ARN or by both (which must agree). An ARN of another region or
     * account names a stream this caller cannot see.
     */
    public StreamName stream(String streamName, String streamARN) {
        if (streamARN == null) {
            if (streamName == null) {
                throw new InvalidArgumentException("Either StreamName or StreamARN should be provided.");
            }
            return new StreamName(streamName);
        }
        StreamName fromArn = streamOfArn(streamARN);
        if (streamName != null && !streamName.equals(fromArn.value())) {
            throw new InvalidArgumentException(
                    "StreamName " + streamName + " and StreamARN " + streamARN + " do not name the same stream.");
        }
        return fromArn;
    }

    /**
     * A consumer named by {@code ConsumerARN}, or by {@code StreamARN} and {@code ConsumerName} (which must agree
     * when all three are given).
     */
    public ConsumerService.ConsumerRef consumer(String streamARN, String consumerName, String consumerARN) {
        if (consumerARN == null) {
            if (streamARN == null || consumerName == null) {
                throw new InvalidArgumentException(
                        "Either ConsumerARN or both StreamARN and ConsumerName must be " + "provided.");
            }
            return new ConsumerService.ConsumerRef(streamOfArn(streamARN), consumerName, null);
        }
        Matcher matcher = CONSUMER_ARN.matcher(consumerARN);
        if (!matcher.matches()) {
            throw new InvalidArgumentException("Invalid ConsumerARN: " + consumerARN + ".");
        }
        ConsumerService.ConsumerRef ref = new ConsumerService.ConsumerRef(
                streamOfArn(matcher.group(1)), matcher.group(2), Long.parseLong(matcher.group(3)));
        if ((streamARN != null && !streamOfArn(streamARN).equals(ref.stream()))
                || (consumerName != null && !consumerName.equals(ref.name()))) {
            throw new InvalidArgumentException("ConsumerARN " + consumerARN + " does not name the consumer that "
                    + "StreamARN and ConsumerName name.");
        }
        return ref;
    }

    /** The stream an ARN names in this caller's account and region. */
    public StreamName streamOfArn(String streamARN) {
        Matcher matcher = STREAM_ARN.matcher(streamARN);
        if (!matcher.matches()) {
            throw new InvalidArgumentException("Invalid StreamARN: " + streamARN + ".");
        }
        if (!matcher.group(1).equals(region.region()) || !matcher.group(2).equals(account)) {
            throw Messages.streamNotFound(matcher.group(3), matcher.group(2));
        }
        return new StreamName(matcher.group(3));
    }
}
