package dev.runnel.leasestore.expression;

import static dev.runnel.leasestore.expression.Items.item;
import static dev.runnel.leasestore.expression.Items.l;
import static dev.runnel.leasestore.expression.Items.m;
import static dev.runnel.leasestore.expression.Items.n;
import static dev.runnel.leasestore.expression.Items.names;
import static dev.runnel.leasestore.expression.Items.s;
import static dev.runnel.leasestore.expression.Items.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The expressions the Kinesis Client Library 3.x sends, as written in its source (DynamoDBLeaseRefresher,
 * CoordinatorStateDAODelegate, TableMigrationStateMachineImpl, the worker-metrics DAOs), those of the DynamoDB
 * lock client it uses for leader election, and those of the DynamoDB enhanced client (worker metrics), each
 * evaluated on items like the ones KCL keeps. Every context ends with {@code checkAllUsed()}, as the request
 * would.
 */
class KclExpressionsTest {

    private static final Map<String, AttributeValue> LEASE = item(
            "leaseKey", s("shardId-000000000001"),
            "leaseOwner", s("worker-1"),
            "leaseCounter", n(7),
            "checkpoint", s("TRIM_HORIZON"),
            "streamName", s("123456789012:orders:1700000000"),
            "entityType", s("LEASE"));

    @Test
    void listLeasesForStreamFiltersOnStreamName() {
        ExpressionContext context =
                new ExpressionContext(null, values(":streamName", s("123456789012:orders:1700000000")));
        Condition filter = context.condition("streamName = :streamName", "FilterExpression");
        context.checkAllUsed();
        assertThat(filter.test(LEASE)).isTrue();
        assertThat(filter.test(item("leaseKey", s("other"), "streamName", s("123456789012:other:1"))))
                .isFalse();
        assertThat(filter.test(item("leaseKey", s("single-stream lease")))).isFalse();
    }

    @Test
    void coordinatorStateListingFiltersOnEntityType() {
        ExpressionContext context = new ExpressionContext(null, values(":entityType", s("LEADER")));
        Condition filter = context.condition("entityType = :entityType", "FilterExpression");
        context.checkAllUsed();
        assertThat(filter.test(item("key", s("Leader"), "entityType", s("LEADER"))))
                .isTrue();
        assertThat(filter.test(LEASE)).isFalse();
    }

    @Test
    void leaseKeysForWorkerQueryTheLeaseOwnerIndex() {
        ExpressionContext context = new ExpressionContext(null, values(":leaseOwner", s("worker-1")));
        KeyCondition key = context.keyCondition("leaseOwner = :leaseOwner");
        context.checkAllUsed();
        assertThat(key).isEqualTo(new KeyCondition("leaseOwner", s("worker-1"), Optional.empty()));
        assertThat(key.forSchema("leaseOwner", "leaseKey")).isEqualTo(key);
        assertThat(key.test(LEASE)).isTrue();
    }

    @Test
    void transactionalCreateOfCoordinatorStateNeedsTheKeyAbsent() {
        for (String partitionKey : new String[] {"key", "leaseKey"}) {
            ExpressionContext context = new ExpressionContext(null, null);
            Condition condition =
                    context.condition("attribute_not_exists(" + partitionKey + ")", "ConditionExpression");
            context.checkAllUsed();
            assertThat(condition.test(Map.of())).isTrue();
            assertThat(condition.test(item(partitionKey, s("Migration3.0")))).isFalse();
        }
    }

    @Test
    void tableMigrationChecksTheLockOwnerAndTheMigrationStatus() {
        ExpressionContext owner = new ExpressionContext(null, values(":owner", s("worker-1")));
        Condition lockOwner = owner.condition("ownerName = :owner", "ConditionExpression");
        owner.checkAllUsed();
        assertThat(lockOwner.test(item("key", s("Leader"), "ownerName", s("worker-1"))))
                .isTrue();
        assertThat(lockOwner.test(item("key", s("Leader"), "ownerName", s("worker-2"))))
                .isFalse();
        assertThat(lockOwner.test(Map.of())).isFalse();

        ExpressionContext status = new ExpressionContext(null, values(":expectedStatus", s("PENDING")));
        Condition pending = status.condition("tm = :expectedStatus", "ConditionExpression");
        status.checkAllUsed();
        assertThat(pending.test(item("key", s("TableMigration"), "tm", s("PENDING"))))
                .isTrue();
        assertThat(pending.test(item("key", s("TableMigration"), "tm", s("COMPLETE"))))
                .isFalse();
    }

    @Test
    void workerMetricsScanFiltersOnEntityTypeThroughAName() {
        ExpressionContext context =
                new ExpressionContext(names("#et", "entityType"), values(":etVal", s("WORKER_METRIC_STATS")));
        Condition filter = context.condition("#et = :etVal", "FilterExpression");
        context.checkAllUsed();
        assertThat(filter.test(item("leaseKey", s("worker-1"), "entityType", s("WORKER_METRIC_STATS"))))
                .isTrue();
        assertThat(filter.test(LEASE)).isFalse();
    }

    @Test
    void workerMetricsDeleteIsConditionalOnTheLastUpdateTime() {
        for (String partitionKey : new String[] {"wid", "leaseKey"}) {
            ExpressionContext context = new ExpressionContext(names("#key", "lut"), values(":value", n(1700000000)));
            Condition condition = context.condition(
                    "#key = :value AND attribute_exists (" + partitionKey + ")", "ConditionExpression");
            context.checkAllUsed();
            assertThat(condition.test(item(partitionKey, s("worker-1"), "lut", n(1700000000))))
                    .isTrue();
            assertThat(condition.test(item(partitionKey, s("worker-1"), "lut", n(1700000060))))
                    .isFalse();
            assertThat(condition.test(Map.of())).isFalse();
        }
    }

    @Test
    void enhancedClientUpdateWithIgnoreNullsSetsEachMappedAttribute() {
        ExpressionContext context = new ExpressionContext(
                names("#AMZN_MAPPED_lut", "lut", "#AMZN_MAPPED_opr", "opr", "#AMZN_MAPPED_sts", "sts"),
                values(
                        ":AMZN_MAPPED_lut", n(1700000100),
                        ":AMZN_MAPPED_opr", m("CPU", l(n(5))),
                        ":AMZN_MAPPED_sts", m("CPU", l(n(40), n(42)))));
        Update update = context.update("SET #AMZN_MAPPED_lut = :AMZN_MAPPED_lut, #AMZN_MAPPED_opr = :AMZN_MAPPED_opr, "
                + "#AMZN_MAPPED_sts = :AMZN_MAPPED_sts");
        context.checkAllUsed();
        Map<String, AttributeValue> before = item("wid", s("worker-1"), "lut", n(1700000000), "sup", s("keep"));
        Map<String, AttributeValue> after = update.apply(before);
        assertThat(after)
                .containsEntry("wid", s("worker-1"))
                .containsEntry("lut", n(1700000100))
                .containsEntry("opr", m("CPU", l(n(5))))
                .containsEntry("sts", m("CPU", l(n(40), n(42))))
                .containsEntry("sup", s("keep"));
        assertThat(before).containsEntry("lut", n(1700000000)).doesNotContainKey("sts");
        assertThat(update.topLevelAttributes()).containsExactly("lut", "opr", "sts");
    }

    @Test
    void enhancedClientConditionsUseMappedNames() {
        ExpressionContext context = new ExpressionContext(names("#AMZN_MAPPED_wid", "wid"), null);
        Condition exists = context.condition("attribute_exists(#AMZN_MAPPED_wid)", "ConditionExpression");
        context.checkAllUsed();
        assertThat(exists.test(item("wid", s("worker-1")))).isTrue();
        assertThat(exists.test(Map.of())).isFalse();
    }
}
