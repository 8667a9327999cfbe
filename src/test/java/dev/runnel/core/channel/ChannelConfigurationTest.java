package dev.runnel.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.channel.ChannelConfiguration.CloudWatchLogs;
import dev.runnel.core.channel.ChannelConfiguration.EncryptionConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.LoggingConfiguration;
import dev.runnel.core.channel.ChannelConfiguration.RecordConfiguration;
import dev.runnel.core.channel.S3Destinations.DeadLetterQueueS3Configuration;
import dev.runnel.core.channel.S3Destinations.S3DestinationConfiguration;
import dev.runnel.core.channel.S3Destinations.S3StorageConfiguration;
import dev.runnel.core.channel.S3Destinations.S3TablesConfiguration;
import dev.runnel.core.channel.S3Destinations.S3TablesDestinationConfiguration;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class ChannelConfigurationTest {

    public static final String ROLE = "arn:aws:iam::123456789012:role/delivery";
    public static final String BUCKET = "arn:aws:s3:::my-bucket";
    public static final String SCHEMA = "arn:aws:glue:eu-west-1:123456789012:schema/registry/orders";

    /** A channel to a general purpose bucket of records in {@code format}, with Kinesis's defaults left out. */
    public static ChannelConfiguration toBucket(String format) {
        return new ChannelConfiguration(
                ROLE,
                new RecordConfiguration(format, null),
                new S3DestinationConfiguration(
                        null, null, new S3StorageConfiguration(BUCKET, "123456789012", null, null, "GZIP")),
                null,
                null,
                null);
    }

    /** A channel to one streaming table. */
    public static ChannelConfiguration toTables(String format, String schema, int tables) {
        S3TablesConfiguration table = new S3TablesConfiguration(
                "arn:aws:s3tables:eu-west-1:123456789012:bucket/tables", "sales", "orders", "ZSTD", null);
        return new ChannelConfiguration(
                ROLE,
                new RecordConfiguration(format, schema),
                null,
                new S3TablesDestinationConfiguration(
                        60,
                        new DeadLetterQueueS3Configuration(BUCKET, "123456789012", "dead/"),
                        Collections.nCopies(tables, table)),
                null,
                null);
    }

    @Test
    void aBucketChannelGetsKinesissDefaults() {
        ChannelConfiguration filled = toBucket("JSON").withDefaults("orders", "id-1");
        S3DestinationConfiguration bucket = filled.s3DestinationConfiguration();
        assertThat(bucket.dataFreshnessInSeconds()).isEqualTo(300);
        assertThat(bucket.storageConfiguration().storageClass()).isEqualTo("STANDARD");
        assertThat(bucket.deadLetterQueueS3Configuration())
                .isEqualTo(new DeadLetterQueueS3Configuration(BUCKET, "123456789012", "error/"));
        assertThat(filled.loggingConfiguration()).isEqualTo(LoggingConfiguration.OFF);
        assertThat(filled.destinationType()).isEqualTo("S3");
        assertThat(toTables("JSON", SCHEMA, 1).destinationType()).isEqualTo("S3_TABLES");
    }

    @Test
    void loggingThatIsOnNamesItsGroupAndStreamByDefault() {
        ChannelConfiguration on = toBucket("JSON")
                .withLogging(new LoggingConfiguration(new CloudWatchLogs(true, null, null)), "orders", "id-1");
        assertThat(on.loggingConfiguration().cloudWatchLogs())
                .isEqualTo(new CloudWatchLogs(true, "/aws/kinesis/orders/id-1", "DestinationDelivery"));
        assertThat(on.withDataFreshness(60).s3DestinationConfiguration().dataFreshnessInSeconds())
                .isEqualTo(60);
    }

    @Test
    void kinesissChannelRulesBeyondTheModel() {
        toBucket("STRING").requireConsistent();
        toTables("GSR_JSON", SCHEMA, 1).requireConsistent();
        assertInvalid(
                new ChannelConfiguration(ROLE, new RecordConfiguration("JSON", null), null, null, null, null),
                "You must specify either S3DestinationConfiguration or S3TablesDestinationConfiguration, but not both.");
        ChannelConfiguration both = new ChannelConfiguration(
                ROLE,
                new RecordConfiguration("JSON", SCHEMA),
                toBucket("JSON").s3DestinationConfiguration(),
                toTables("JSON", SCHEMA, 1).s3TablesDestinationConfiguration(),
                null,
                null);
        assertInvalid(
                both,
                "You must specify either S3DestinationConfiguration or S3TablesDestinationConfiguration, but not both.");
        assertInvalid(
                toBucket("GSR_JSON"),
                "RecordFormatType GSR_JSON is supported only for streaming table (Amazon S3 Tables) destinations.");
        assertInvalid(
                toTables("BYTE_ARRAY", SCHEMA, 1),
                "RecordFormatType BYTE_ARRAY is supported only for general purpose Amazon S3 destinations.");
        assertInvalid(
                toTables("JSON", null, 1),
                "GSRSchemaARN is required when the channel destination is a streaming table.");
        assertInvalid(
                toTables("JSON", SCHEMA, 2),
                "Currently, one table is supported per channel; S3TablesConfigurationList has 2.");
        assertInvalid(
                toBucket("JSON").withDataFreshness(0),
                "DataFreshnessInSeconds must be a positive number of seconds, not 0.");
        ChannelConfiguration serviceKey = new ChannelConfiguration(
                ROLE,
                new RecordConfiguration("JSON", null),
                toBucket("JSON").s3DestinationConfiguration(),
                null,
                new EncryptionConfiguration("KMS", "alias/aws/kinesis"),
                null);
        assertInvalid(
                serviceKey,
                "KeyId alias/aws/kinesis is the Amazon Kinesis Data Streams service key; a channel needs a customer "
                        + "managed AWS KMS key.");
    }

    @Test
    void theModelsConstraintsNameEachMember() {
        ChannelConfiguration bad = new ChannelConfiguration(
                "arn:aws:iam::1:user/x",
                null,
                new S3DestinationConfiguration(
                        null, null, new S3StorageConfiguration("arn:aws:s3:::B", "12", null, "COLD", null)),
                null,
                new EncryptionConfiguration("AES", "k"),
                new LoggingConfiguration(new CloudWatchLogs(null, null, "a:b")));
        Constraints check = Constraints.check();
        bad.check(check);
        new RecordConfiguration("XML", "nope").check(check, "streamConfigurationList.1.recordConfiguration");
        assertThatThrownBy(check::throwIfInvalid)
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("10 validation errors detected: ")
                .hasMessageContaining("Value 'AES' at 'encryptionConfiguration.encryptionType' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [KMS]")
                .hasMessageContaining("Value null at 'loggingConfiguration.cloudWatchLogs.enabled' failed to satisfy "
                        + "constraint: Member must not be null")
                .hasMessageContaining("Value 'arn:aws:s3:::B' at 's3DestinationConfiguration.storageConfiguration."
                        + "bucketARN' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "arn:aws[-a-z0-9]*:s3:::[a-z0-9._-]{3,63}")
                .hasMessageContaining("Value null at 's3DestinationConfiguration.storageConfiguration.compressionType' "
                        + "failed to satisfy constraint: Member must not be null")
                .hasMessageContaining("Value 'arn:aws:iam::1:user/x' at 'serviceExecutionRoleARN'");
    }

    @Test
    void aChannelIsCreatingThenActiveUpdatingAndDeletingThenGone() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        Duration delay = Duration.ofMillis(500);
        Channel channel = Channel.create("c", "id", toBucket("JSON"), Map.of("k", "v"), now, delay);
        assertThat(channel.statusAt(now)).isEqualTo(ChannelStatus.CREATING);
        assertThat(channel.statusAt(now.plus(delay))).isEqualTo(ChannelStatus.ACTIVE);
        assertThat(channel.configuration().s3DestinationConfiguration().dataFreshnessInSeconds())
                .isEqualTo(300);
        Instant later = now.plusSeconds(10);
        Channel updated = channel.updated(channel.configuration().withDataFreshness(30), later, delay);
        assertThat(updated.statusAt(later)).isEqualTo(ChannelStatus.UPDATING);
        assertThat(updated.statusAt(later.plus(delay))).isEqualTo(ChannelStatus.ACTIVE);
        Channel deleting = updated.deleting(later, delay);
        assertThat(deleting.statusAt(later)).isEqualTo(ChannelStatus.DELETING);
        assertThat(deleting.isGoneAt(later.plus(delay).minusMillis(1))).isFalse();
        assertThat(deleting.isGoneAt(later.plus(delay))).isTrue();
        assertThat(deleting.deleting(later.plusSeconds(1), delay)).isSameAs(deleting);
        assertThat(deleting.withPolicy("{}").policy()).isEqualTo("{}");
        assertThat(List.copyOf(deleting.tags().keySet())).containsExactly("k");
    }

    private static void assertInvalid(ChannelConfiguration configuration, String message) {
        assertThatThrownBy(configuration::requireConsistent)
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage(message);
    }
}
