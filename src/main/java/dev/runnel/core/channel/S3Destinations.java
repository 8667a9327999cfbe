package dev.runnel.core.channel;

import dev.runnel.core.error.Constraints;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a channel would deliver: a general purpose Amazon S3 bucket or streaming tables in Amazon S3 Tables. The
 * records are Kinesis's request and description shapes, member for member (the AWS edge reads and writes them
 * as they are); each checks the service model's constraints under a member path. Runnel stores them and never
 * delivers. Immutable.
 */
public final class S3Destinations {

    /** Kinesis's default for {@code DataFreshnessInSeconds}. */
    public static final int DEFAULT_DATA_FRESHNESS_SECONDS = 300;
    /** The storage class of an S3 destination that names none. */
    public static final String DEFAULT_STORAGE_CLASS = "STANDARD";
    /** The key prefix of the dead-letter records of an S3 destination that names no dead-letter queue. */
    public static final String DEFAULT_ERROR_PREFIX = "error/";

    private static final Pattern ERROR_PREFIX = Pattern.compile("[0-9A-Za-z!\\-_'.*()\\/]+");
    private static final Pattern KEY_TEMPLATE = Pattern.compile("[0-9A-Za-z!\\-_'.*()\\/=:{}]+");
    private static final Pattern TABLE_BUCKET_ARN =
            Pattern.compile("arn:aws[-a-z0-9]*:s3tables:[-a-z0-9]+:\\d{12}:bucket/[a-z0-9_-]{3,63}");
    private static final Pattern TABLE_NAME = Pattern.compile("[0-9a-z_]+");
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-zA-Z0-9\\.\\_]+");

    private S3Destinations() {}

    /** Delivery to a general purpose bucket ({@code S3DestinationConfiguration} / {@code S3DestinationDescription}). */
    public record S3DestinationConfiguration(
            Integer dataFreshnessInSeconds,
            DeadLetterQueueS3Configuration deadLetterQueueS3Configuration,
            S3StorageConfiguration storageConfiguration) {

        public void check(Constraints check, String path) {
            if (deadLetterQueueS3Configuration != null) {
                deadLetterQueueS3Configuration.check(check, path + ".deadLetterQueueS3Configuration");
            }
            if (check.required(path + ".storageConfiguration", storageConfiguration)) {
                storageConfiguration.check(check, path + ".storageConfiguration");
            }
        }

        /**
         * With Kinesis's defaults filled in: 300 seconds of freshness, the STANDARD storage class, and dead
         * letters in the destination bucket under {@value #DEFAULT_ERROR_PREFIX}.
         */
        S3DestinationConfiguration withDefaults() {
            S3StorageConfiguration storage = storageConfiguration.storageClass() != null
                    ? storageConfiguration
                    : new S3StorageConfiguration(
                            storageConfiguration.bucketARN(),
                            storageConfiguration.expectedBucketOwner(),
                            storageConfiguration.outputKeyTemplate(),
                            DEFAULT_STORAGE_CLASS,
                            storageConfiguration.compressionType());
            DeadLetterQueueS3Configuration deadLetters = deadLetterQueueS3Configuration != null
                    ? deadLetterQueueS3Configuration
                    : new DeadLetterQueueS3Configuration(
                            storage.bucketARN(), storage.expectedBucketOwner(), DEFAULT_ERROR_PREFIX);
            return new S3DestinationConfiguration(
                    dataFreshnessInSeconds == null ? DEFAULT_DATA_FRESHNESS_SECONDS : dataFreshnessInSeconds,
                    deadLetters,
                    storage);
        }

        S3DestinationConfiguration withDataFreshness(int seconds) {
            return new S3DestinationConfiguration(seconds, deadLetterQueueS3Configuration, storageConfiguration);
        }
    }

    /** The bucket of an S3 destination and how objects are written to it. */
    public record S3StorageConfiguration(
            String bucketARN,
            String expectedBucketOwner,
            String outputKeyTemplate,
            String storageClass,
            String compressionType) {

        void check(Constraints check, String path) {
            Checks.bucket(check, path, bucketARN, expectedBucketOwner);
            check.string(path + ".outputKeyTemplate", outputKeyTemplate, 1, 1024, KEY_TEMPLATE);
            Checks.oneOf(
                    check,
                    path + ".storageClass",
                    storageClass,
                    List.of("STANDARD", "INTELLIGENT_TIERING", "GLACIER_IR"));
            if (check.required(path + ".compressionType", compressionType)) {
                Checks.oneOf(check, path + ".compressionType", compressionType, List.of("NONE", "GZIP", "ZSTD"));
            }
        }
    }

    /** Where records that cannot be delivered go. */
    public record DeadLetterQueueS3Configuration(
            String bucketARN, String expectedBucketOwner, String errorOutputPrefix) {

        void check(Constraints check, String path) {
            Checks.bucket(check, path, bucketARN, expectedBucketOwner);
            check.string(path + ".errorOutputPrefix", errorOutputPrefix, 1, 512, ERROR_PREFIX);
        }
    }

    /**
     * Delivery to streaming tables on Apache Iceberg ({@code S3TablesDestinationConfiguration} / {@code
     * S3TablesDestinationDescription}).
     */
    public record S3TablesDestinationConfiguration(
            Integer dataFreshnessInSeconds,
            DeadLetterQueueS3Configuration deadLetterQueueS3Configuration,
            List<S3TablesConfiguration> s3TablesConfigurationList) {

        public S3TablesDestinationConfiguration {
            s3TablesConfigurationList = Checks.copy(s3TablesConfigurationList);
        }

        public void check(Constraints check, String path) {
            if (check.required(path + ".deadLetterQueueS3Configuration", deadLetterQueueS3Configuration)) {
                deadLetterQueueS3Configuration.check(check, path + ".deadLetterQueueS3Configuration");
            }
            String tables = path + ".s3TablesConfigurationList";
            if (check.required(tables, s3TablesConfigurationList)) {
                check.size(tables, "[...]", s3TablesConfigurationList.size(), 1, 10_000);
                for (int i = 0; i < s3TablesConfigurationList.size(); i++) {
                    S3TablesConfiguration table = s3TablesConfigurationList.get(i);
                    if (check.required(tables + "." + (i + 1) + ".member", table)) {
                        table.check(check, tables + "." + (i + 1));
                    }
                }
            }
        }

        S3TablesDestinationConfiguration withDefaults() {
            return dataFreshnessInSeconds != null ? this : withDataFreshness(DEFAULT_DATA_FRESHNESS_SECONDS);
        }

        S3TablesDestinationConfiguration withDataFreshness(int seconds) {
            return new S3TablesDestinationConfiguration(
                    seconds, deadLetterQueueS3Configuration, s3TablesConfigurationList);
        }
    }

    /** One destination table. */
    public record S3TablesConfiguration(
            String tableBucketARN,
            String namespace,
            String tableName,
            String compressionType,
            PartitionSpec partitionSpec) {

        void check(Constraints check, String path) {
            Checks.requiredString(check, path + ".tableBucketARN", tableBucketARN, 1, 2048, TABLE_BUCKET_ARN);
            Checks.requiredString(check, path + ".namespace", namespace, 1, 255, TABLE_NAME);
            Checks.requiredString(check, path + ".tableName", tableName, 1, 255, TABLE_NAME);
            if (check.required(path + ".compressionType", compressionType)) {
                Checks.oneOf(check, path + ".compressionType", compressionType, List.of("NONE", "ZSTD", "SNAPPY"));
            }
            if (partitionSpec != null) {
                partitionSpec.check(check, path + ".partitionSpec");
            }
        }
    }

    /** How a destination table is partitioned. */
    public record PartitionSpec(List<PartitionField> partitionFields) {

        public PartitionSpec {
            partitionFields = Checks.copy(partitionFields);
        }

        void check(Constraints check, String path) {
            String fields = path + ".partitionFields";
            if (check.required(fields, partitionFields)) {
                check.size(fields, "[...]", partitionFields.size(), 1, 10);
                for (int i = 0; i < partitionFields.size(); i++) {
                    PartitionField field = partitionFields.get(i);
                    if (check.required(fields + "." + (i + 1) + ".member", field)) {
                        field.check(check, fields + "." + (i + 1));
                    }
                }
            }
        }
    }

    /** One partition field: a transform of a timestamp column. */
    public record PartitionField(String transform, String sourceName) {

        void check(Constraints check, String path) {
            if (check.required(path + ".transform", transform)) {
                Checks.oneOf(check, path + ".transform", transform, List.of("TIME_HOUR"));
            }
            Checks.requiredString(check, path + ".sourceName", sourceName, 1, 255, SOURCE_NAME);
        }
    }
}
