package dev.runnel.core.channel;

import dev.runnel.core.channel.S3Destinations.S3DestinationConfiguration;
import dev.runnel.core.channel.S3Destinations.S3TablesDestinationConfiguration;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a channel delivers and where: the role it would act as, the format of the source stream's records, one
 * destination (a general purpose S3 bucket or S3 Tables), encryption and logging. Kinesis's semantic rules for
 * a new channel are {@link #requireConsistent()}; {@link #withDefaults} fills in what Kinesis fills in. The
 * nested records are Kinesis's shapes, member for member. Immutable.
 *
 * @param serviceExecutionRoleARN the IAM role Kinesis would assume to write to the destination
 * @param recordConfiguration the format of the source stream's records
 * @param s3DestinationConfiguration delivery to a bucket, or null
 * @param s3TablesDestinationConfiguration delivery to streaming tables, or null
 * @param encryptionConfiguration the KMS key for delivered data, or null
 * @param loggingConfiguration CloudWatch Logs settings
 */
public record ChannelConfiguration(
        String serviceExecutionRoleARN,
        RecordConfiguration recordConfiguration,
        S3DestinationConfiguration s3DestinationConfiguration,
        S3TablesDestinationConfiguration s3TablesDestinationConfiguration,
        EncryptionConfiguration encryptionConfiguration,
        LoggingConfiguration loggingConfiguration) {

    /** The service model's pattern of an IAM role's ARN. */
    public static final Pattern ROLE_ARN =
            Pattern.compile("arn:aws[-a-z0-9]*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");
    /** Where a channel logs when logging is on and no log stream is named. */
    public static final String DEFAULT_LOG_STREAM = "DestinationDelivery";

    private static final Pattern GSR_SCHEMA_ARN =
            Pattern.compile("arn:aws[-a-z0-9]*:glue:[-a-z0-9]+:\\d{12}:schema/[-a-zA-Z0-9_$#.]+/[-a-zA-Z0-9_$#.]+");
    private static final Pattern LOG_GROUP = Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");
    private static final Pattern LOG_STREAM = Pattern.compile("[^:*]*");

    /** The format of the records a channel reads. */
    public record RecordConfiguration(String recordFormatType, String gsrSchemaARN) {

        public void check(Constraints check, String path) {
            if (check.required(path + ".recordFormatType", recordFormatType)) {
                Checks.oneOf(
                        check,
                        path + ".recordFormatType",
                        recordFormatType,
                        List.of("GSR_JSON", "JSON", "STRING", "BYTE_ARRAY"));
            }
            check.string(path + ".gSRSchemaARN", gsrSchemaARN, 1, 512, GSR_SCHEMA_ARN);
        }
    }

    /** The customer managed KMS key that would encrypt delivered data. */
    public record EncryptionConfiguration(String encryptionType, String keyId) {

        public void check(Constraints check, String path) {
            if (check.required(path + ".encryptionType", encryptionType)) {
                Checks.oneOf(check, path + ".encryptionType", encryptionType, List.of("KMS"));
            }
            if (check.required(path + ".keyId", keyId)) {
                check.length(path + ".keyId", keyId, 1, 2048);
            }
        }
    }

    /** CloudWatch Logs settings ({@code ChannelLoggingConfiguration} and {@code ChannelLoggingUpdateInput}). */
    public record LoggingConfiguration(CloudWatchLogs cloudWatchLogs) {

        /** Logging off, as a channel created without logging settings reports it. */
        public static final LoggingConfiguration OFF = new LoggingConfiguration(new CloudWatchLogs(false, null, null));

        public void check(Constraints check, String path) {
            if (check.required(path + ".cloudWatchLogs", cloudWatchLogs)) {
                cloudWatchLogs.check(check, path + ".cloudWatchLogs");
            }
        }
    }

    /** Whether a channel logs to CloudWatch Logs, and where. */
    public record CloudWatchLogs(Boolean enabled, String logGroupName, String logStreamName) {

        void check(Constraints check, String path) {
            check.required(path + ".enabled", enabled);
            check.string(path + ".logGroupName", logGroupName, 1, 512, LOG_GROUP);
            check.string(path + ".logStreamName", logStreamName, 1, 512, LOG_STREAM);
        }
    }

    /**
     * Adds the service model's violations of the members CreateChannel gives at its top level (the record format
     * sits in its stream configuration list, and is checked there).
     */
    public void check(Constraints check) {
        Checks.requiredString(check, "serviceExecutionRoleARN", serviceExecutionRoleARN, 1, 512, ROLE_ARN);
        if (s3DestinationConfiguration != null) {
            s3DestinationConfiguration.check(check, "s3DestinationConfiguration");
        }
        if (s3TablesDestinationConfiguration != null) {
            s3TablesDestinationConfiguration.check(check, "s3TablesDestinationConfiguration");
        }
        if (encryptionConfiguration != null) {
            encryptionConfiguration.check(check, "encryptionConfiguration");
        }
        if (loggingConfiguration != null) {
            loggingConfiguration.check(check, "loggingConfiguration");
        }
    }

    /** Whether the destination is a general purpose bucket (S3) or streaming tables (S3_TABLES). */
    public String destinationType() {
        return s3DestinationConfiguration != null ? "S3" : "S3_TABLES";
    }

    /**
     * Kinesis's rules for a new channel beyond the service model: one destination; one table; a record format the
     * destination supports; a schema for streaming tables; a customer managed key.
     *
     * @throws InvalidArgumentException naming the rule broken
     */
    public void requireConsistent() {
        boolean toBucket = s3DestinationConfiguration != null;
        if (toBucket == (s3TablesDestinationConfiguration != null)) {
            throw new InvalidArgumentException(
                    "You must specify either S3DestinationConfiguration or S3TablesDestinationConfiguration, but not both.");
        }
        Integer freshness = toBucket
                ? s3DestinationConfiguration.dataFreshnessInSeconds()
                : s3TablesDestinationConfiguration.dataFreshnessInSeconds();
        requirePositiveFreshness(freshness);
        String format = recordConfiguration.recordFormatType();
        if (toBucket && format.equals("GSR_JSON")) {
            throw new InvalidArgumentException(
                    "RecordFormatType GSR_JSON is supported only for streaming table (Amazon S3 Tables) destinations.");
        }
        if (!toBucket) {
            if (format.equals("STRING") || format.equals("BYTE_ARRAY")) {
                throw new InvalidArgumentException("RecordFormatType " + format
                        + " is supported only for general purpose Amazon S3 destinations.");
            }
            if (recordConfiguration.gsrSchemaARN() == null) {
                throw new InvalidArgumentException(
                        "GSRSchemaARN is required when the channel destination is a streaming table.");
            }
            int tables =
                    s3TablesDestinationConfiguration.s3TablesConfigurationList().size();
            if (tables != 1) {
                throw new InvalidArgumentException(
                        "Currently, one table is supported per channel; S3TablesConfigurationList has " + tables + ".");
            }
        }
        if (encryptionConfiguration != null && encryptionConfiguration.keyId().endsWith("alias/aws/kinesis")) {
            throw new InvalidArgumentException("KeyId " + encryptionConfiguration.keyId() + " is the Amazon Kinesis "
                    + "Data Streams service key; a channel needs a customer managed AWS KMS key.");
        }
    }

    /** {@code DataFreshnessInSeconds}, when given, must be a positive number of seconds. */
    public static void requirePositiveFreshness(Integer seconds) {
        if (seconds != null && seconds < 1) {
            throw new InvalidArgumentException(
                    "DataFreshnessInSeconds must be a positive number of seconds, not " + seconds + ".");
        }
    }

    /**
     * With what Kinesis fills in: 300 seconds of data freshness, the destination's defaults, logging off unless
     * asked for, and the default log group ({@code /aws/kinesis/<channel>/<id>}) and log stream when logging is on.
     */
    public ChannelConfiguration withDefaults(String channelName, String channelId) {
        return new ChannelConfiguration(
                serviceExecutionRoleARN,
                recordConfiguration,
                s3DestinationConfiguration == null ? null : s3DestinationConfiguration.withDefaults(),
                s3TablesDestinationConfiguration == null ? null : s3TablesDestinationConfiguration.withDefaults(),
                encryptionConfiguration,
                loggingWithDefaults(loggingConfiguration, channelName, channelId));
    }

    /** The same channel delivering with another data freshness. */
    public ChannelConfiguration withDataFreshness(int seconds) {
        return new ChannelConfiguration(
                serviceExecutionRoleARN,
                recordConfiguration,
                s3DestinationConfiguration == null ? null : s3DestinationConfiguration.withDataFreshness(seconds),
                s3TablesDestinationConfiguration == null
                        ? null
                        : s3TablesDestinationConfiguration.withDataFreshness(seconds),
                encryptionConfiguration,
                loggingConfiguration);
    }

    /** The same channel logging as {@code logging} says, with the defaults filled in. */
    public ChannelConfiguration withLogging(LoggingConfiguration logging, String channelName, String channelId) {
        return new ChannelConfiguration(
                serviceExecutionRoleARN,
                recordConfiguration,
                s3DestinationConfiguration,
                s3TablesDestinationConfiguration,
                encryptionConfiguration,
                loggingWithDefaults(logging, channelName, channelId));
    }

    private static LoggingConfiguration loggingWithDefaults(
            LoggingConfiguration logging, String channelName, String channelId) {
        if (logging == null || !Boolean.TRUE.equals(logging.cloudWatchLogs().enabled())) {
            return logging == null ? LoggingConfiguration.OFF : logging;
        }
        CloudWatchLogs logs = logging.cloudWatchLogs();
        return new LoggingConfiguration(new CloudWatchLogs(
                true,
                logs.logGroupName() != null ? logs.logGroupName() : "/aws/kinesis/" + channelName + "/" + channelId,
                logs.logStreamName() != null ? logs.logStreamName() : DEFAULT_LOG_STREAM));
    }
}
