package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.stream.StreamName;
import dev.runnel.streams.ResourcePolicyService.Target;
import dev.runnel.support.RunnelFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourcePolicyServiceTest {

    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"kinesis:PutRecord\",\"Resource\":\"*\"}]}";

    private final RunnelFixture f = new RunnelFixture();
    private final ResourcePolicyService policies = f.policies;
    private final Target stream = new Target.OfStream(StreamName.of("s"));

    /** Registers consumer {@code app} on stream {@code s} and names it by ARN. */
    private Target consumer() {
        String arn = f.consumers.register(StreamName.of("s"), "app", Map.of()).consumerArn();
        return new Target.OfConsumer(StreamName.of("s"), arn);
    }

    @Test
    void aPolicyIsStoredAsGivenReplacedAndDeleted() {
        f.createActive("s", 1);
        assertThat(policies.get(stream)).isEmpty();
        policies.put(stream, POLICY);
        assertThat(policies.get(stream)).contains(POLICY);
        policies.put(stream, "{}");
        assertThat(policies.get(stream)).contains("{}");
        policies.delete(stream);
        assertThat(policies.get(stream)).isEmpty();
        policies.delete(stream);
        assertThat(policies.get(stream))
                .as("deleting what is not there changes nothing")
                .isEmpty();
    }

    @Test
    void aConsumersPolicyIsItsOwn() {
        f.createActive("s", 1);
        Target consumer = consumer();
        policies.put(consumer, POLICY);
        assertThat(policies.get(consumer)).contains(POLICY);
        assertThat(policies.get(stream)).isEmpty();
    }

    @Test
    void policiesVanishWithTheirStream() {
        f.createActive("s", 1);
        policies.put(stream, POLICY);
        Target consumer = consumer();
        policies.put(consumer, POLICY);
        f.streams.delete(StreamName.of("s"));
        f.clock.advance(f.properties.streams().deleteDelay());
        assertThatThrownBy(() -> policies.get(stream))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream s under account 123456789012 not found.");
        f.createActive("s", 1);
        assertThat(policies.get(stream)).as("a new stream of the same name").isEmpty();
        assertThatThrownBy(() -> policies.get(consumer))
                .as("the consumer went with its stream")
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aConsumerMustBeRegisteredAndItsPolicyGoesWhenItIsDeregistered() {
        f.createActive("s", 1);
        Target unknown = new Target.OfConsumer(
                StreamName.of("s"), "arn:aws:kinesis:eu-west-1:123456789012:stream/s/consumer/app:1700000000");
        assertThatThrownBy(() -> policies.put(unknown, POLICY))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Consumer app under stream s under account 123456789012 not found.");
        Target consumer = consumer();
        policies.put(consumer, POLICY);
        f.consumers.deregister(new ConsumerService.ConsumerRef(StreamName.of("s"), "app", null));
        assertThat(f.streams
                        .describe(StreamName.of("s"))
                        .features()
                        .policy(((Target.OfConsumer) consumer).consumerArn()))
                .isEmpty();
    }

    @Test
    void aPolicyMustBeAJsonObjectOfAtMost20KiB() {
        f.createActive("s", 1);
        assertThatThrownBy(() -> policies.put(stream, "{\"Statement\": ["))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("The policy is not valid JSON: ");
        assertThatThrownBy(() -> policies.put(stream, "{} {}"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("The policy is not valid JSON: ");
        assertThatThrownBy(() -> policies.put(stream, "[1]"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("The policy must be a JSON object (a policy document).");
        String padded = "{\"Sid\":\"" + "x".repeat(ResourcePolicyService.MAX_POLICY_BYTES - 9) + "\"}";
        assertThatThrownBy(() -> policies.put(stream, padded))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("The policy is 20481 bytes long; a resource policy may be at most 20480 bytes.");
        String fits = "{\"Sid\":\"" + "x".repeat(ResourcePolicyService.MAX_POLICY_BYTES - 10) + "\"}";
        policies.put(stream, fits);
        assertThat(policies.get(stream)).contains(fits);
    }

    @Test
    void theStreamMustExistAndNotBeCreatingOrDeleting() {
        assertThatThrownBy(() -> policies.put(stream, POLICY))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Stream s under account 123456789012 not found.");
        f.streams.create(CreateStreamCommand.of("s", 1, null, null, null));
        assertThatThrownBy(() -> policies.put(stream, POLICY))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Stream s under account 123456789012 not ACTIVE, instead in state CREATING");
        assertThat(policies.get(stream)).isEmpty();
    }
}
