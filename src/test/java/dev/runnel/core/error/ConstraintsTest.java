package dev.runnel.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

    @Test
    void oneViolationUsesTheSingularForm() {
        Constraints check = Constraints.check().length("streamName", "", 1, 128);
        assertThat(check.isValid()).isFalse();
        assertThatThrownBy(check::throwIfInvalid)
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: Value '' at 'streamName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
    }

    @Test
    void listIndexesSortNumerically() {
        Constraints check = Constraints.check();
        check.required("records.10.partitionKey", null);
        check.required("records.2.partitionKey", null);
        check.required("records.2.data", null);
        assertThatThrownBy(check::throwIfInvalid)
                .hasMessage(
                        "3 validation errors detected: "
                                + "Value null at 'records.2.data' failed to satisfy constraint: Member must not be null; "
                                + "Value null at 'records.2.partitionKey' failed to satisfy constraint: Member must not be null; "
                                + "Value null at 'records.10.partitionKey' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void severalViolationsUseThePluralFormJoinedBySemicolonsInMemberOrder() {
        Constraints check = Constraints.check();
        check.required("streamName", null);
        check.range("limit", 100_000, 1, 10_000);
        assertThatThrownBy(check::throwIfInvalid)
                .isInstanceOf(ValidationException.class)
                .hasMessage("2 validation errors detected: "
                        + "Value '100000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000; "
                        + "Value null at 'streamName' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void reportsAtMostTenViolations() {
        Constraints check = Constraints.check();
        for (int i = 1; i <= 12; i++) {
            check.required("records." + i + ".partitionKey", null);
        }
        assertThatThrownBy(check::throwIfInvalid)
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> {
                    String message = e.getMessage();
                    assertThat(message)
                            .startsWith("10 validation errors detected: Value null at 'records.1.partitionKey'");
                    assertThat(message).contains("'records.10.partitionKey'");
                    assertThat(message).doesNotContain("records.11.").doesNotContain("records.12.");
                    assertThat(message.split("; ")).hasSize(10);
                });
    }

    @Test
    void everyRuleHasAwsWording() {
        assertMessage(
                Constraints.check().length("p", "abcd", 1, 3),
                "Value 'abcd' at 'p' failed to satisfy constraint: Member must have length less than or equal to 3");
        assertMessage(
                Constraints.check().range("limit", 0, 1, 10_000),
                "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        assertMessage(
                Constraints.check().range("limit", 10_001L, 1, 10_000),
                "Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000");
        assertMessage(
                Constraints.check().pattern("streamName", "a b", Pattern.compile("[a-zA-Z0-9_.-]+")),
                "Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        assertMessage(
                Constraints.check().size("data", "java.nio.HeapByteBuffer[pos=0 lim=5 cap=5]", 5, 0, 4),
                "Value 'java.nio.HeapByteBuffer[pos=0 lim=5 cap=5]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 4");
        assertMessage(
                Constraints.check()
                        .violation(
                                "streamModeDetails.streamMode",
                                "FAST",
                                false,
                                "Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"),
                "Value 'FAST' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]");
    }

    @Test
    void valuesWithinBoundsAndNullsPass() {
        Constraints check = Constraints.check()
                .length("a", "x", 1, 1)
                .length("b", null, 1, 1)
                .range("c", (Integer) null, 1, 2)
                .range("d", 1, 1, 1)
                .pattern("e", null, Pattern.compile("x"))
                .pattern("f", "x", Pattern.compile("x"))
                .size("g", "[]", 0, 0, 0)
                .violation("h", "v", true, "never");
        assertThat(check.isValid()).isTrue();
        check.throwIfInvalid();
        assertThat(Constraints.check().required("x", "present")).isTrue();
    }

    @Test
    void lengthCountsCodePointsNotUtf16Units() {
        String twoEmoji = "\ud83d\ude00\ud83d\ude00";
        assertThat(Constraints.check().length("k", twoEmoji, 1, 2).isValid()).isTrue();
        assertThat(Constraints.check().length("k", twoEmoji, 1, 1).isValid()).isFalse();
    }

    @Test
    void theErrorTypeIsTheSimpleClassName() {
        assertThat(ValidationException.of("x").errorType()).isEqualTo("ValidationException");
        assertThat(new LimitExceededException("x").errorType()).isEqualTo("LimitExceededException");
        assertThat(Messages.invalidIterator()).hasMessage("Invalid ShardIterator.");
        assertThat(Messages.streamNotFound("s", "123456789012"))
                .hasMessage("Stream s under account 123456789012 not found.");
        assertThat(Messages.streamExists("s", "123456789012"))
                .hasMessage("Stream s under account 123456789012 already exists.");
        assertThat(Messages.shardNotFound("shardId-000000000001", "s", "123456789012"))
                .hasMessage("Shard shardId-000000000001 in stream s under account 123456789012 does not exist");
        assertThat(Messages.streamNotActive("s", "123456789012", "CREATING"))
                .hasMessage("Stream s under account 123456789012 not ACTIVE, instead in state CREATING");
    }

    private static void assertMessage(Constraints check, String violation) {
        assertThatThrownBy(check::throwIfInvalid)
                .isInstanceOf(ValidationException.class)
                .hasMessage("1 validation error detected: " + violation);
    }
}
