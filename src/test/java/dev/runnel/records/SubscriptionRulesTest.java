package dev.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.error.ResourceNotFoundException;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.record.ShardIteratorType;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.stream.StreamName;
import dev.runnel.streams.ConsumerService.ConsumerRef;
import dev.runnel.support.RunnelFixture;
import dev.runnel.throttling.Throttler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SubscribeToShard's rules, event by event: who may subscribe, where a subscription starts, what its events
 * carry, how it continues after an idle spell, and the errors that end it mid-stream.
 */
class SubscriptionRulesTest {

    private final RunnelFixture f = new RunnelFixture();
    private final Subscriptions subscriptions = new Subscriptions(
            f.consumers,
            f.streams.lookup(),
            f.iterators,
            f.clock,
            f.properties.fanOut(),
            Throttler.unlimited(),
            f.traffic);
    private final StreamName name = StreamName.of("s");
    private final ConsumerRef app = new ConsumerRef(name, "app", null);

    private void activeStreamWithConsumer() {
        f.createActive("s", 1);
        f.consumers.register(name, "app", Map.of());
        f.clock.advance(f.properties.fanOut().createDelay());
    }

    private Subscription subscribe(StartingPosition start) {
        return subscriptions.subscribe(app, "shardId-000000000000", start);
    }

    private static List<String> texts(Subscription.Event event) {
        return event.records().stream()
                .map(r -> new String(r.data().toByteArray(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void onlyAnActiveConsumerOfTheStreamSubscribesToAShardItHas() {
        f.createActive("s", 1);
        f.consumers.register(name, "app", Map.of());
        assertThatThrownBy(() -> subscribe(new StartingPosition.Latest()))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("is not ACTIVE, instead in state CREATING");
        f.clock.advance(f.properties.fanOut().createDelay());
        assertThatThrownBy(() -> subscriptions.subscribe(app, "shardId-000000000007", new StartingPosition.Latest()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> subscriptions.subscribe(
                        new ConsumerRef(name, "nobody", null), "shardId-000000000000", new StartingPosition.Latest()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> subscribe(new StartingPosition.AtSequenceNumber("12345")))
                .as("GetShardIterator's rules for the starting position")
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void eventsCarryWhatWasAppendedSinceTheLastOneInOrder() {
        activeStreamWithConsumer();
        f.put("s", "k", "before");
        Subscription latest = subscribe(new StartingPosition.Latest());
        assertThat(latest.next(false)).as("nothing new, not idle yet").isNull();
        f.put("s", "k", "a");
        f.put("s", "k", "b");
        Subscription.Event event = latest.next(false);
        assertThat(texts(event)).containsExactly("a", "b");
        assertThat(event.continuationSequenceNumber())
                .isEqualTo(event.records().get(1).sequenceNumber().toString());
        assertThat(event.millisBehindLatest()).isZero();
        assertThat(event.childShards()).isEmpty();
        assertThat(latest.next(false)).isNull();
    }

    @Test
    void anIdleEventsContinuationResumesWhereTheSubscriptionWasEvenOnAnEmptyShard() {
        activeStreamWithConsumer();
        Subscription subscription = subscribe(new StartingPosition.TrimHorizon());
        Subscription.Event idle = subscription.next(true);
        assertThat(idle.records()).isEmpty();
        String continuation = idle.continuationSequenceNumber();
        assertThat(SequenceNumber.parse(continuation))
                .as("not a record's number")
                .isEmpty();
        f.put("s", "k", "first");

        f.clock.advance(Subscriptions.RESUBSCRIBE_GUARD);
        Subscription resumed = subscribe(new StartingPosition.AfterSequenceNumber(continuation));
        assertThat(texts(resumed.next(false))).containsExactly("first");
        String iterator =
                f.iterator("s", "shardId-000000000000", ShardIteratorType.AT_SEQUENCE_NUMBER, continuation, null);
        assertThat(RunnelFixture.texts(f.records.getRecords(iterator, null)))
                .as("GetShardIterator takes it too")
                .containsExactly("first");
    }

    @Test
    void aSecondSubscriptionWithinFiveSecondsIsRefusedALaterOneTakesOver() {
        activeStreamWithConsumer();
        Subscription first = subscribe(new StartingPosition.Latest());
        f.clock.advance(Subscriptions.RESUBSCRIBE_GUARD.minusMillis(1));
        assertThatThrownBy(() -> subscribe(new StartingPosition.Latest())).isInstanceOf(ResourceInUseException.class);
        f.clock.advance(Duration.ofMillis(1));
        Subscription second = subscribe(new StartingPosition.Latest());
        assertThatThrownBy(() -> first.next(true))
                .as("the older one ends with an exception event")
                .isInstanceOf(ResourceInUseException.class);
        assertThat(second.next(true)).isNotNull();
    }

    @Test
    void aDeregisteredConsumerOrADeletedStreamEndsTheSubscription() {
        activeStreamWithConsumer();
        Subscription subscription = subscribe(new StartingPosition.Latest());
        f.consumers.deregister(app);
        assertThatThrownBy(() -> subscription.next(true)).isInstanceOf(ResourceNotFoundException.class);

        f.clock.advance(f.properties.fanOut().deleteDelay());
        f.consumers.register(name, "app", Map.of());
        f.clock.advance(f.properties.fanOut().createDelay().plus(Subscriptions.RESUBSCRIBE_GUARD));
        Subscription again = subscribe(new StartingPosition.Latest());
        f.streams.delete(name);
        f.clock.advance(f.properties.streams().deleteDelay());
        assertThatThrownBy(() -> again.next(true)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aClosedShardReadToItsEndEndsWithItsChildrenAndNoContinuation() {
        activeStreamWithConsumer();
        f.put("s", "k", "parent");
        Subscription subscription = subscribe(new StartingPosition.TrimHorizon());
        f.resharding.split(name, "shardId-000000000000", "170141183460469231731687303715884105728");
        assertThat(texts(subscription.next(false))).containsExactly("parent");
        Subscription.Event last = subscription.next(false);
        assertThat(last.endsShard()).isTrue();
        assertThat(last.continuationSequenceNumber()).isNull();
        assertThat(last.childShards())
                .extracting(s -> s.id().toString())
                .containsExactly("shardId-000000000001", "shardId-000000000002");
    }

    @Test
    void aSubscriptionEndsAtItsLifetime() {
        activeStreamWithConsumer();
        Subscription subscription = subscribe(new StartingPosition.Latest());
        assertThat(subscription.endsAt())
                .isEqualTo(f.clock.instant().plus(f.properties.fanOut().subscriptionLifetime()));
    }
}
