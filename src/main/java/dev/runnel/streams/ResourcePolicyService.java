package dev.runnel.streams;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.storage.StreamCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resource-based policies of streams, their consumers and channels (PutResourcePolicy, GetResourcePolicy,
 * DeleteResourcePolicy). A policy must be a JSON object of at most {@link #MAX_POLICY_BYTES}; it is stored with
 * the resource's metadata, so it vanishes with the resource, and returned as given. Runnel does not evaluate
 * policies: every caller may do everything. Thread-safe; changes are compare-and-set on the stream.
 */
public class ResourcePolicyService {

    /**
     * The largest policy document, in UTF-8 bytes: 20 KiB, the limit AWS services commonly set for resource-based
     * policies (Kinesis's API reference states none).
     */
    public static final int MAX_POLICY_BYTES = 20 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The resource a policy is attached to. */
    public sealed interface Target {

        /** A stream. */
        record OfStream(StreamName stream) implements Target {}

        /** A consumer of a stream, named by its ARN. */
        record OfConsumer(StreamName stream, String consumerArn) implements Target {}

        /** A channel, named by its name. */
        record OfChannel(String channel) implements Target {}
    }

    private final StreamService streams;
    private final ChannelService channels;
    private final StreamUpdates updates;
    private final InstantSource clock;

    /** @param catalog the same catalog as {@code streams}' */
    public ResourcePolicyService(
            StreamCatalog catalog, StreamService streams, ChannelService channels, InstantSource clock) {
        this.streams = streams;
        this.channels = channels;
        this.updates = new StreamUpdates(streams.lookup(), catalog);
        this.clock = clock;
    }

    /**
     * PutResourcePolicy: attaches the policy, replacing any the resource had. A stream (or its consumer's
     * stream) must be ACTIVE or UPDATING.
     *
     * @throws InvalidArgumentException when the policy is not a JSON object or is too large
     */
    public void put(Target target, String policy) {
        attach(target, checked(policy));
    }

    /** GetResourcePolicy: the policy attached to the resource, if any. */
    public Optional<String> get(Target target) {
        if (target instanceof Target.OfChannel channel) {
            return Optional.ofNullable(
                    channels.describe(channel.channel()).channel().policy());
        }
        Stream stream = streams.describe(streamOf(target));
        if (target instanceof Target.OfConsumer consumer) {
            requireConsumer(stream, consumer.consumerArn());
        }
        return stream.features().policy(key(stream, target));
    }

    /** DeleteResourcePolicy: detaches the resource's policy; a resource without one is left as it is. */
    public void delete(Target target) {
        attach(target, null);
    }

    private void attach(Target target, String policy) {
        if (target instanceof Target.OfChannel channel) {
            channels.setPolicy(channel.channel(), policy);
            return;
        }
        Instant now = clock.instant();
        updates.update(streamOf(target), now, stream -> {
            updates.requireWritableMetadata(stream, now);
            if (target instanceof Target.OfConsumer consumer) {
                requireConsumer(stream, consumer.consumerArn());
            }
            String key = key(stream, target);
            return stream.features().policy(key).equals(Optional.ofNullable(policy))
                    ? stream
                    : stream.with(c -> c.features = c.features.withPolicy(key, policy));
        });
    }

    /**
     * The consumer this ARN names must be registered with the stream (this registration of it: the ARN ends with
     * its creation second), and not finished deregistering.
     *
     * @throws ResourceNotFoundException otherwise, in DescribeStreamConsumer's words
     */
    void requireConsumer(Stream stream, String consumerArn) {
        Instant now = clock.instant();
        String streamArn = streams.arn(stream);
        boolean registered = stream.consumers().stream()
                .anyMatch(c -> !c.isGoneAt(now) && c.arn(streamArn).equals(consumerArn));
        if (!registered) {
            String name = consumerArn.substring(consumerArn.indexOf("/consumer/") + 10, consumerArn.lastIndexOf(':'));
            throw ConsumerService.notFound(stream, name, streams.account());
        }
    }

    /** The policy, if it is a JSON object of at most {@link #MAX_POLICY_BYTES}. */
    static String checked(String policy) {
        int bytes = policy.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_POLICY_BYTES) {
            throw new InvalidArgumentException("The policy is " + bytes + " bytes long; a resource policy may be at "
                    + "most " + MAX_POLICY_BYTES + " bytes.");
        }
        JsonNode document;
        try (JsonParser parser = JSON.createParser(policy)) {
            document = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                throw new InvalidArgumentException("The policy is not valid JSON: content follows the document.");
            }
        } catch (JacksonException e) {
            // Where, not Jackson's text: that names its features and Java types.
            var at = e.getLocation();
            throw new InvalidArgumentException("The policy is not valid JSON: it breaks off or goes wrong "
                    + (at == null || at.getLineNr() < 1
                            ? "somewhere."
                            : "at line " + at.getLineNr() + ", column " + at.getColumnNr() + "."));
        }
        if (document == null || !document.isObject()) {
            throw new InvalidArgumentException("The policy must be a JSON object (a policy document).");
        }
        return policy;
    }

    private static StreamName streamOf(Target target) {
        return target instanceof Target.OfConsumer consumer ? consumer.stream() : ((Target.OfStream) target).stream();
    }

    /** Policies are kept by the ARN of the resource: the stream's own, or the consumer's. */
    private String key(Stream stream, Target target) {
        return target instanceof Target.OfConsumer consumer ? consumer.consumerArn() : streams.arn(stream);
    }
}
