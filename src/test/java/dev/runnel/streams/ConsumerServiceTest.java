package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.LimitExceededException;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.stream.ConsumerStatus;
import dev.runnel.core.stream.StreamConsumer;
import dev.runnel.core.stream.StreamName;
import dev.runnel.streams.ConsumerService.ConsumerRef;
import dev.runnel.streams.ConsumerService.Registered;
import dev.runnel.support.RunnelFixture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerServiceTest {

    private final RunnelFixture f = new RunnelFixture();
    private final ConsumerService consumers = f.consumers;
    private final Duration createDelay = f.properties.fanOut().createDelay();
    private final Duration deleteDelay = f.properties.fanOut().deleteDelay();
    private final StreamName s = StreamName.of("s");

    private Registered register(String name) {
        return consumers.register(s, name, Map.of());
    }

    private static ConsumerRef byName(String name) {
        return new ConsumerRef(StreamName.of("s"), name, null);
    }

    @Test
    void aConsumerIsCreatingThenActiveAndItsArnEndsWithItsCreationSecond() {
        f.createActive("s", 1);
        Registered registered = consumers.register(s, "app", Map.of("team", "a"));
        StreamConsumer consumer = registered.consumer();
        assertThat(consumer.statusAt(f.clock.instant())).isEqualTo(ConsumerStatus.CREATING);
        assertThat(registered.consumerArn())
                .isEqualTo("arn:aws:kinesis:eu-west-1:123456789012:stream/s/consumer/app:"
                        + consumer.createdAt().getEpochSecond());
        assertThat(consumer.tags()).containsEntry("team", "a");

        f.clock.advance(createDelay.minusMillis(1));
        assertThat(consumers.describe(byName("app")).consumer().statusAt(f.clock.instant()))
                .isEqualTo(ConsumerStatus.CREATING);
        f.clock.advance(Duration.ofMillis(1));
        assertThat(consumers.describe(byName("app")).consumer().statusAt(f.clock.instant()))
                .isEqualTo(ConsumerStatus.ACTIVE);
        assertThat(consumers
                        .describe(new ConsumerRef(s, "app", consumer.createdAt().getEpochSecond()))
                        .consumerArn())
                .as("by ARN")
                .isEqualTo(registered.consumerArn());
    }

    @Test
    void unknownConsumersAndStreamsAreNotFound() {
        f.createActive("s", 1);
        assertThatThrownBy(() -> consumers.describe(byName("nobody")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessage("Consumer nobody under stream s under account 123456789012 not found.");
        assertThatThrownBy(() -> consumers.register(StreamName.of("other"), "app", Map.of()))
                .isInstanceOf(ResourceNotFoundException.class);
        Registered first = register("app");
        assertThatThrownBy(() -> consumers.describe(
                        new ConsumerRef(s, "app", first.consumer().createdAt().getEpochSecond() - 1)))
                .as("an ARN of an earlier registration")
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void namesAreUniquePerStreamAndReusableOnceGone() {
        f.createActive("s", 1);
        f.createActive("t", 1);
        register("app");
        assertThatThrownBy(() -> register("app"))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessage("Consumer app under stream s under account 123456789012 already exists.");
        assertThat(consumers
                        .register(StreamName.of("t"), "app", Map.of())
                        .consumer()
                        .name())
                .as("another stream")
                .isEqualTo("app");

        consumers.deregister(byName("app"));
        assertThatThrownBy(() -> register("app")).as("while DELETING").isInstanceOf(ResourceInUseException.class);
        f.clock.advance(deleteDelay.plusSeconds(1));
        assertThat(register("app").consumer().statusAt(f.clock.instant())).isEqualTo(ConsumerStatus.CREATING);
    }

    @Test
    void atMostFiveCreatingAtOnceAndTwentyPerStream() {
        f.createActive("s", 1);
        for (int i = 0; i < 5; i++) {
            register("c" + i);
        }
        assertThatThrownBy(() -> register("c5"))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("5 consumers in CREATING status");
        f.clock.advance(createDelay);
        for (int i = 5; i < 20; i++) {
            register("c" + i);
            f.clock.advance(createDelay);
        }
        assertThatThrownBy(() -> register("c20"))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("already has 20 registered consumers");
        assertThat(consumers.list(s)).hasSize(20);
    }

    @Test
    void deregisteredConsumersAreDeletingThenGoneAndHousekeepingRemovesThem() {
        f.createActive("s", 1);
        register("a");
        Registered b = register("b");
        f.clock.advance(createDelay);
        Registered deleting = consumers.deregister(
                new ConsumerRef(s, "b", b.consumer().createdAt().getEpochSecond()));
        assertThat(deleting.consumer().statusAt(f.clock.instant())).isEqualTo(ConsumerStatus.DELETING);
        assertThat(consumers.list(s)).extracting(StreamConsumer::name).containsExactly("a", "b");
        assertThat(consumers.deregister(byName("b")).consumer().goneAt())
                .as("deregistering twice keeps the first")
                .isEqualTo(deleting.consumer().goneAt());

        f.clock.advance(deleteDelay);
        assertThat(consumers.list(s)).extracting(StreamConsumer::name).containsExactly("a");
        assertThatThrownBy(() -> consumers.describe(byName("b"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> consumers.deregister(byName("b"))).isInstanceOf(ResourceNotFoundException.class);
        assertThat(f.streams.describe(s).consumers()).hasSize(2);
        assertThat(consumers.removeGone()).isEqualTo(1);
        assertThat(f.streams.describe(s).consumers()).hasSize(1);
        assertThat(consumers.count(f.streams.describe(s))).isEqualTo(1);
    }

    @Test
    void consumersCannotBeRegisteredOnACreatingStream() {
        f.streams.create(CreateStreamCommand.of("s", 1, null, null, null));
        assertThatThrownBy(() -> register("app"))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("not ACTIVE, instead in state CREATING");
    }

    @Test
    void deletingAStreamWithConsumersNeedsEnforceConsumerDeletionAndTheConsumersGoWithIt() {
        f.createActive("s", 1);
        register("app");
        assertThatThrownBy(() -> f.streams.delete(s, false))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("has registered consumers");
        f.streams.delete(s, true);
        f.clock.advance(f.properties.streams().deleteDelay());
        f.createActive("s", 1);
        assertThat(consumers.list(s))
                .as("a re-created stream starts without consumers")
                .isEmpty();
    }

    @Test
    void aStreamWhoseConsumersAreAllGoneCanBeDeletedWithoutEnforcing() {
        f.createActive("s", 1);
        register("app");
        consumers.deregister(byName("app"));
        f.clock.advance(deleteDelay);
        assertThat(f.streams.delete(s, false).goneAt()).isNotNull();
    }
}
