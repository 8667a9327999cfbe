package dev.runnel.leasestore.expression;

import static dev.runnel.leasestore.expression.Items.b;
import static dev.runnel.leasestore.expression.Items.item;
import static dev.runnel.leasestore.expression.Items.n;
import static dev.runnel.leasestore.expression.Items.s;
import static dev.runnel.leasestore.expression.Items.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.leasestore.model.AttributeValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The expressions of the DynamoDB lock client (AmazonDynamoDBLockClient), which KCL 3 uses for leader election in
 * its coordinator state table (partition key {@code key}, no sort key), on lock items as the client writes them.
 */
class LockClientExpressionsTest {

    private static final Map<String, String> NAMES = Items.names(
            "#pk", "key",
            "#rvn", "recordVersionNumber",
            "#on", "ownerName",
            "#ir", "isReleased",
            "#ld", "leaseDuration",
            "#d", "data");

    private static final Map<String, AttributeValue> HELD = item(
            "key", s("Leader"),
            "ownerName", s("worker-1"),
            "leaseDuration", s("10000"),
            "recordVersionNumber", s("rvn-1"),
            "data", b(1, 2, 3));

    private static Map<String, String> lockNames(String... placeholders) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String placeholder : placeholders) {
            names.put(placeholder, NAMES.get(placeholder));
        }
        return names;
    }

    @Test
    void acquiringANewLockNeedsNoItem() {
        ExpressionContext context = new ExpressionContext(lockNames("#pk"), null);
        Condition condition = context.condition("attribute_not_exists(#pk)", "ConditionExpression");
        context.checkAllUsed();
        assertThat(condition.test(Map.of())).isTrue();
        assertThat(condition.test(HELD)).isFalse();
    }

    @Test
    void acquiringAReleasedLockNeedsItReleased() {
        ExpressionContext context = new ExpressionContext(lockNames("#pk", "#ir"), values(":ir", s("1")));
        Condition condition = context.condition("attribute_exists(#pk) AND #ir = :ir", "ConditionExpression");
        context.checkAllUsed();
        Map<String, AttributeValue> released = new HashMap<>(HELD);
        released.put("isReleased", s("1"));
        assertThat(condition.test(released)).isTrue();
        assertThat(condition.test(HELD)).isFalse();
        assertThat(condition.test(Map.of())).isFalse();
    }

    @Test
    void takingAnExpiredLockNeedsTheSameRecordVersion() {
        ExpressionContext context =
                new ExpressionContext(lockNames("#pk", "#rvn", "#ir"), values(":rvn", s("rvn-1"), ":ir", s("1")));
        Condition condition =
                context.condition("(attribute_exists(#pk) AND #rvn = :rvn AND #ir = :ir)", "ConditionExpression");
        context.checkAllUsed();
        Map<String, AttributeValue> released = new HashMap<>(HELD);
        released.put("isReleased", s("1"));
        assertThat(condition.test(released)).isTrue();
        released.put("recordVersionNumber", s("rvn-2"));
        assertThat(condition.test(released)).isFalse();
    }

    @Test
    void upsertingALockSetsEveryAttributeAndRemovesTheReleasedFlag() {
        ExpressionContext context = new ExpressionContext(
                Items.names(
                        "#pk",
                        "key",
                        "#rvn",
                        "recordVersionNumber",
                        "#k0",
                        "ownerName",
                        "#k1",
                        "leaseDuration",
                        "#k2",
                        "recordVersionNumber",
                        "#ir",
                        "isReleased"),
                values(":rvn", s("rvn-1"), ":v0", s("worker-2"), ":v1", s("10000"), ":v2", s("rvn-2")));
        Condition condition = context.condition("attribute_exists(#pk) AND #rvn = :rvn", "ConditionExpression");
        Update update = context.update("SET #k0=:v0,#k1=:v1,#k2=:v2 REMOVE #ir ");
        context.checkAllUsed();
        Map<String, AttributeValue> released = new HashMap<>(HELD);
        released.put("isReleased", s("1"));
        assertThat(condition.test(released)).isTrue();
        Map<String, AttributeValue> after = update.apply(released);
        assertThat(after)
                .containsEntry("ownerName", s("worker-2"))
                .containsEntry("recordVersionNumber", s("rvn-2"))
                .doesNotContainKey("isReleased");
        assertThat(update.topLevelAttributes())
                .containsExactlyInAnyOrder("ownerName", "leaseDuration", "recordVersionNumber", "isReleased");
    }

    @Test
    void releasingALockChecksOwnerAndVersionAndMarksItReleased() {
        ExpressionContext context = new ExpressionContext(
                lockNames("#pk", "#rvn", "#on", "#ir", "#d"),
                values(":rvn", s("rvn-1"), ":on", s("worker-1"), ":ir", s("1"), ":d", b(9)));
        Condition condition =
                context.condition("attribute_exists(#pk) AND #rvn = :rvn AND #on = :on", "ConditionExpression");
        Update update = context.update("SET #ir = :ir, #d = :d");
        context.checkAllUsed();
        assertThat(condition.test(HELD)).isTrue();
        Map<String, AttributeValue> stolen = new HashMap<>(HELD);
        stolen.put("ownerName", s("worker-2"));
        assertThat(condition.test(stolen)).isFalse();
        assertThat(update.apply(HELD)).containsEntry("isReleased", s("1")).containsEntry("data", b(9));
    }

    @Test
    void heartbeatsRenewTheVersionAndMayDropTheData() {
        ExpressionContext context = new ExpressionContext(
                lockNames("#pk", "#rvn", "#on", "#ld", "#d"),
                values(":rvn", s("rvn-1"), ":on", s("worker-1"), ":ld", s("10000"), ":newRvn", s("rvn-2")));
        Condition condition =
                context.condition("attribute_exists(#pk) AND #rvn = :rvn AND #on = :on ", "ConditionExpression");
        Update update = context.update("SET #ld = :ld, #rvn = :newRvn REMOVE #d");
        context.checkAllUsed();
        assertThat(condition.test(HELD)).isTrue();
        Map<String, AttributeValue> after = update.apply(HELD);
        assertThat(after).containsEntry("recordVersionNumber", s("rvn-2")).doesNotContainKey("data");
        assertThat(after).containsEntry("leaseDuration", s("10000"));
    }

    @Test
    void lockTablesWithASortKeyQueryByPartition() {
        ExpressionContext context = new ExpressionContext(lockNames("#pk"), values(":pk", s("Leader")));
        KeyCondition key = context.keyCondition("#pk = :pk");
        context.checkAllUsed();
        assertThat(key).isEqualTo(new KeyCondition("key", s("Leader"), Optional.empty()));
        assertThat(key.test(HELD)).isTrue();
        assertThat(key.test(item("key", s("Other"), "x", n(1)))).isFalse();
    }
}
