package dev.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.runnel.core.error.ResourceInUseException;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.ShardTraffic;
import dev.runnel.insight.ShardTraffic.Measure;
import dev.runnel.streams.ConsumerService.ConsumerRef;
import dev.runnel.streams.ConsumerService.Registered;
import dev.runnel.support.RunnelFixture;
import dev.runnel.throttling.Throttler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What Subscriptions shows of the subscriptions streaming now, and where their deliveries are counted. */
class SubscriptionsTest {

    private static final ShardId SHARD_0 = new ShardId(0);
    private static final ShardId SHARD_1 = new ShardId(1);

    private final RunnelFixture f = new RunnelFixture();
    private final Subscriptions subscriptions = new Subscriptions(
            f.consumers,
            f.streams.lookup(),
            f.iterators,
            f.clock,
            f.properties.fanOut(),
            Throttler.unlimited(),
            f.traffic);
    private final StreamName name = StreamName.of("fan");

    private Stream stream;

    /** A stream of two shards with the consumers given, every one ACTIVE. */
    private List<String> streamWithConsumers(String... consumers) {
        stream = f.createActive("fan", 2);
        List<String> arns = List.of(consumers).stream()
                .map(c -> f.consumers.register(name, c, Map.of()))
                .map(Registered::consumerArn)
                .toList();
        f.clock.advance(f.properties.fanOut().createDelay());
        return arns;
    }

    /** Puts a record on shard 0 (hash key 0), partition key "k". */
    private void put(byte[] data) {
        f.records.put(new PutRecordCommand(name, new RecordInput("k", data, "0"), null));
    }

    private Subscription subscribe(String consumer, String shardId) {
        return subscriptions.subscribe(
                new ConsumerRef(name, consumer, null), shardId, new StartingPosition.TrimHorizon());
    }

    @Test
    void theViewShowsEachSubscriptionWithItsStartItsLagAndWhatItDelivered() {
        List<String> arns = streamWithConsumers("beta", "alpha");
        Instant started = f.clock.instant();
        Subscription beta = subscribe("beta", "shardId-000000000000");
        Subscription alpha = subscribe("alpha", "shardId-000000000000");
        subscribe("alpha", "shardId-000000000001");

        assertThat(subscriptions.active(stream))
                .extracting(ActiveSubscription::shardId, ActiveSubscription::consumerName)
                .as("in shard order, then by consumer name")
                .containsExactly(tuple(SHARD_0, "alpha"), tuple(SHARD_0, "beta"), tuple(SHARD_1, "alpha"));
        assertThat(subscriptions.active(stream.incarnation(), SHARD_0, arns.get(0)))
                .hasValue(new ActiveSubscription("beta", arns.get(0), SHARD_0, started, null, 0, 0));
        assertThat(subscriptions.activeCount(stream.incarnation(), SHARD_0)).isEqualTo(2);
        assertThat(subscriptions.activeCount()).isEqualTo(3);

        // Two records of 600 KiB, two seconds apart: an event carries at most 1 MiB, so the first goes alone.
        int size = 600 * 1024;
        put(new byte[size]);
        f.clock.advance(Duration.ofSeconds(2));
        put(new byte[size]);
        Subscription.Event event = beta.next(false);
        assertThat(event.records()).hasSize(1);
        ActiveSubscription view =
                subscriptions.active(stream.incarnation(), SHARD_0, arns.get(0)).orElseThrow();
        assertThat(view.deliveredRecords()).isEqualTo(1);
        assertThat(view.deliveredBytes()).isEqualTo(size + 1);
        assertThat(view.millisBehindLatest())
                .isEqualTo(event.millisBehindLatest())
                .isEqualTo(2_000);

        assertThat(alpha.next(false).records()).hasSize(1);
        assertThat(alpha.next(false).records()).hasSize(1);
        assertThat(alpha.view().millisBehindLatest())
                .as("read to the newest record")
                .isZero();
        assertThat(alpha.next(true).records()).as("an idle event").isEmpty();
        assertThat(alpha.view().millisBehindLatest()).isZero();
        assertThat(alpha.view().deliveredRecords()).isEqualTo(2);
        assertThat(alpha.view().deliveredBytes()).isEqualTo(2 * (size + 1));

        beta.cancel();
        assertThat(subscriptions.active(stream.incarnation(), SHARD_0, arns.get(0)))
                .isEmpty();
        assertThat(subscriptions.active(stream))
                .extracting(ActiveSubscription::consumerName)
                .containsExactly("alpha", "alpha");
        assertThat(subscriptions.activeCount(stream.incarnation(), SHARD_0)).isEqualTo(1);
    }

    @Test
    void fanOutDeliveriesAreCountedApartFromGetRecords() {
        streamWithConsumers("app");
        Subscription app = subscribe("app", "shardId-000000000000");
        put("12345".getBytes(StandardCharsets.UTF_8));
        assertThat(app.next(false).records()).hasSize(1);

        ShardTraffic traffic = f.traffic.shard(stream.incarnation(), SHARD_0);
        assertThat(traffic.total(Measure.FAN_OUT_RECORDS)).isEqualTo(1);
        assertThat(traffic.total(Measure.FAN_OUT_BYTES)).isEqualTo(6);
        assertThat(traffic.total(Measure.READ_RECORDS)).as("GetRecords' reads").isZero();
        assertThat(traffic.total(Measure.READ_BYTES)).isZero();
        assertThat(traffic.count(f.clock.instant().getEpochSecond(), Measure.FAN_OUT_RECORDS))
                .isEqualTo(1);
    }

    @Test
    void aTakenOverSubscriptionLeavesTheViewToItsSuccessor() {
        List<String> arns = streamWithConsumers("app");
        Subscription first = subscribe("app", "shardId-000000000000");
        assertThatThrownBy(() -> subscribe("app", "shardId-000000000000")).isInstanceOf(ResourceInUseException.class);
        f.clock.advance(Subscriptions.RESUBSCRIBE_GUARD);
        Instant later = f.clock.instant();
        subscribe("app", "shardId-000000000000");
        assertThat(subscriptions.active(stream.incarnation(), SHARD_0, arns.get(0)))
                .map(ActiveSubscription::startedAt)
                .hasValue(later);
        assertThat(subscriptions.activeCount(stream.incarnation(), SHARD_0))
                .as("one subscription per consumer and shard")
                .isEqualTo(1);
        assertThatThrownBy(() -> first.next(true))
                .as("the older one ends at its next event")
                .isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void theViewIsReadSafelyWhileOneThreadDelivers() throws InterruptedException {
        List<String> arns = streamWithConsumers("app");
        Subscription app = subscribe("app", "shardId-000000000000");
        int records = 2_000;
        CountDownLatch done = new CountDownLatch(1);
        Thread delivery = new Thread(() -> {
            for (int i = 0; i < records; i++) {
                put(("r" + i).getBytes(StandardCharsets.UTF_8));
                app.next(false);
            }
            done.countDown();
        });
        delivery.start();
        long seen = 0;
        while (done.getCount() > 0) {
            ActiveSubscription view = subscriptions
                    .active(stream.incarnation(), SHARD_0, arns.get(0))
                    .orElseThrow();
            assertThat(view.deliveredRecords()).as("never goes back").isGreaterThanOrEqualTo(seen);
            assertThat(view.deliveredBytes())
                    .as("records and bytes of the same events")
                    .isGreaterThanOrEqualTo(view.deliveredRecords() * 3);
            seen = view.deliveredRecords();
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(app.view().deliveredRecords()).isEqualTo(records);
    }
}
