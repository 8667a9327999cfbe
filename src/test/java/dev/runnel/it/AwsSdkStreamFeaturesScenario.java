package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.ChannelDescription;
import software.amazon.awssdk.services.kinesis.model.ChannelDestinationType;
import software.amazon.awssdk.services.kinesis.model.ChannelStatus;
import software.amazon.awssdk.services.kinesis.model.ChannelStreamConfiguration;
import software.amazon.awssdk.services.kinesis.model.ChannelSummary;
import software.amazon.awssdk.services.kinesis.model.CreateChannelRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListChannelsResponse;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentInputStatus;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutput;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutputStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.RecordDistributionStrategy;
import software.amazon.awssdk.services.kinesis.model.RecordFormatType;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.S3CompressionType;
import software.amazon.awssdk.services.kinesis.model.S3TablesCompressionType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamFilter;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamWarmThroughputResponse;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

/**
 * The newer operations of the Kinesis API over the AWS SDK for Java v2: resource policies, account settings, warm
 * throughput, the record distribution strategy and channels, in each client set-up of {@link AwsSdkScenario}.
 * The throughput commitment is state of the server's account and region, so every test that needs it enables it.
 */
abstract class AwsSdkStreamFeaturesScenario extends AwsSdkScenario {

    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/delivery";
    static final String BUCKET = "arn:aws:s3:::runnel-delivery";
    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"111122223333\"},\"Action\":[\"kinesis:PutRecord\"],\"Resource\":\"*\"}]}";

    private final List<String> streams = new ArrayList<>();

    /** Channels first (a stream with active channels cannot be deleted), then this class's streams. */
    @AfterEach
    void deleteChannelsAndStreams() throws InterruptedException {
        for (ChannelSummary channel : kinesis.listChannels(b -> {}).channelSummaries()) {
            try {
                kinesis.deleteChannel(b -> b.channelARN(channel.channelARN()));
            } catch (ResourceNotFoundException gone) {
                // deleted meanwhile
            }
        }
        for (String name : streams) {
            try {
                kinesis.deleteStream(b -> b.streamName(name));
            } catch (ResourceNotFoundException gone) {
                // deleted by the test itself
            }
        }
        for (String name : streams) {
            awaitGone(name);
        }
        streams.clear();
    }

    // ------------------------------------------------------------------------------------------------------
    // Resource policies

    @Test
    void resourcePoliciesAreStoredPerStreamAndConsumer() throws InterruptedException {
        String name = provisioned(prefix() + "-policy");
        String consumer = kinesis.registerStreamConsumer(
                        b -> b.streamARN(arn(name)).consumerName("app"))
                .consumer()
                .consumerARN();
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(arn(name))).policy())
                .isEqualTo("{}");

        kinesis.putResourcePolicy(b -> b.resourceARN(arn(name)).policy(POLICY));
        kinesis.putResourcePolicy(b -> b.resourceARN(consumer).policy("{\"Statement\":[]}"));
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(arn(name))).policy())
                .isEqualTo(POLICY);
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(consumer)).policy())
                .isEqualTo("{\"Statement\":[]}");

        kinesis.deleteResourcePolicy(b -> b.resourceARN(arn(name)));
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(arn(name))).policy())
                .isEqualTo("{}");
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(consumer)).policy())
                .isEqualTo("{\"Statement\":[]}");
        kinesis.deleteStream(b -> b.streamName(name).enforceConsumerDeletion(true));
    }

    @Test
    void resourcePolicyErrors() throws InterruptedException {
        String name = provisioned(prefix() + "-policy-errors");
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.putResourcePolicy(
                                b -> b.resourceARN(arn(name)).policy("[\"not\", \"an object\"]"))),
                "InvalidArgumentException",
                "The policy must be a JSON object (a policy document).");
        assertThat(expect(
                                InvalidArgumentException.class,
                                () -> kinesis.putResourcePolicy(
                                        b -> b.resourceARN(arn(name)).policy("{\"Statement\":")))
                        .awsErrorDetails()
                        .errorMessage())
                .startsWith("The policy is not valid JSON: ");
        assertError(
                expect(
                        ResourceNotFoundException.class,
                        () -> kinesis.getResourcePolicy(b -> b.resourceARN(arn(prefix() + "-nowhere")))),
                "ResourceNotFoundException",
                "Stream " + prefix() + "-nowhere under account " + ACCOUNT + " not found.");
        String elsewhere = "arn:aws:kinesis:eu-west-1:" + ACCOUNT + ":stream/" + name;
        assertError(
                expect(
                        ResourceNotFoundException.class,
                        () -> kinesis.putResourcePolicy(
                                b -> b.resourceARN(elsewhere).policy(POLICY))),
                "ResourceNotFoundException",
                "Stream " + name + " under account " + ACCOUNT + " not found.");
        assertThat(expect(ValidationException.class, () -> kinesis.deleteResourcePolicy(b -> b.resourceARN("x")))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("1 validation error detected: Value 'x' at 'resourceARN' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: "
                        + "arn:aws.*:kinesis:.*:\\d{12}:.*(stream|channel)/\\S+");
    }

    // ------------------------------------------------------------------------------------------------------
    // Account settings and warm throughput

    @Test
    void theThroughputCommitmentLastsADay() {
        MinimumThroughputBillingCommitmentOutput enabled =
                commit(MinimumThroughputBillingCommitmentInputStatus.ENABLED);
        assertThat(enabled.status()).isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
        assertThat(enabled.startedAt()).isBetween(Instant.now().minus(Duration.ofDays(1)), Instant.now());
        assertThat(enabled.earliestAllowedEndAt()).isEqualTo(enabled.startedAt().plus(Duration.ofHours(24)));
        assertThat(enabled.endedAt()).isNull();
        assertThat(kinesis.describeAccountSettings(b -> {}).minimumThroughputBillingCommitment())
                .isEqualTo(enabled);

        MinimumThroughputBillingCommitmentOutput ending =
                commit(MinimumThroughputBillingCommitmentInputStatus.DISABLED);
        assertThat(ending.status())
                .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
        assertThat(ending.earliestAllowedEndAt()).isEqualTo(enabled.earliestAllowedEndAt());
        assertThat(ending.startedAt()).isEqualTo(enabled.startedAt());

        assertThat(commit(MinimumThroughputBillingCommitmentInputStatus.ENABLED))
                .as("enabling again cancels the scheduled end")
                .isEqualTo(enabled);
        assertThat(expect(
                                ValidationException.class,
                                () -> kinesis.updateAccountSettings(
                                        b -> b.minimumThroughputBillingCommitment(c -> c.status("PAUSED"))))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("1 validation error detected: Value 'PAUSED' at 'minimumThroughputBillingCommitment.status' "
                        + "failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
    }

    @Test
    void warmThroughputScalesAnOnDemandStreamUpAtOnce() throws InterruptedException {
        commit(MinimumThroughputBillingCommitmentInputStatus.ENABLED);
        String name = prefix() + "-warm";
        streams.add(name);
        kinesis.createStream(b -> b.streamName(name)
                .streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND))
                .warmThroughputMiBps(6));
        StreamDescriptionSummary created = awaitActive(name);
        assertThat(created.openShardCount()).isEqualTo(6);
        assertThat(created.warmThroughput().targetMiBps()).isEqualTo(6);
        assertThat(created.warmThroughput().currentMiBps()).isEqualTo(6);

        UpdateStreamWarmThroughputResponse warmer =
                kinesis.updateStreamWarmThroughput(b -> b.streamARN(arn(name)).warmThroughputMiBps(10));
        assertThat(warmer.streamName()).isEqualTo(name);
        assertThat(warmer.streamARN()).isEqualTo(arn(name));
        assertThat(warmer.warmThroughput().targetMiBps()).isEqualTo(10);
        assertThat(warmer.warmThroughput().currentMiBps()).isEqualTo(10);
        assertThat(summary(name).streamStatus()).isEqualTo(StreamStatus.UPDATING);
        StreamDescriptionSummary updated = awaitActive(name);
        assertThat(updated.openShardCount()).isEqualTo(10);
        List<Shard> open = kinesis.listShards(
                        b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.AT_LATEST)))
                .shards();
        assertUniformRanges(open, 10);

        assertError(
                expect(
                        LimitExceededException.class,
                        () -> kinesis.updateStreamWarmThroughput(
                                b -> b.streamName(name).warmThroughputMiBps(20_000))),
                "LimitExceededException",
                "WarmThroughputMiBps 20000 exceeds the maximum of 10240 MiB/s for an on-demand stream.");
        String provisioned = provisioned(prefix() + "-warm-provisioned");
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.updateStreamWarmThroughput(
                                b -> b.streamName(provisioned).warmThroughputMiBps(4))),
                "InvalidArgumentException",
                "UpdateStreamWarmThroughput is only supported for ON_DEMAND streams; stream " + provisioned
                        + " under account " + ACCOUNT + " is in PROVISIONED mode.");
        assertThat(summary(provisioned).warmThroughput()).isNull();
    }

    // ------------------------------------------------------------------------------------------------------
    // Record distribution

    @Test
    void autoDistributionTakesRecordsWithoutPartitionKeys() throws InterruptedException {
        String name = onDemand(prefix() + "-auto");
        assertThat(summary(name).recordDistributionStrategy()).isEqualTo(RecordDistributionStrategy.USER_PARTITION_KEY);
        assertError(
                expect(
                        ValidationException.class,
                        () -> kinesis.putRecord(b -> b.streamName(name).data(SdkBytes.fromByteArray(bytes("no key"))))),
                "ValidationException",
                "1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member "
                        + "must not be null");

        kinesis.updateStreamRecordDistributionStrategy(
                b -> b.streamARN(arn(name)).recordDistributionStrategy(RecordDistributionStrategy.AUTO));
        assertThat(summary(name).recordDistributionStrategy()).isEqualTo(RecordDistributionStrategy.AUTO);
        assertThat(summary(name).streamStatus()).as("effective at once").isEqualTo(StreamStatus.ACTIVE);

        kinesis.putRecord(b -> b.streamName(name).data(SdkBytes.fromByteArray(bytes("keyless"))));
        kinesis.putRecord(b -> b.streamName(name).partitionKey("kept").data(SdkBytes.fromByteArray(bytes("keyed"))));
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(PutRecordsRequestEntry.builder()
                    .data(SdkBytes.fromByteArray(bytes("batch-" + i)))
                    .build());
        }
        assertThat(kinesis.putRecords(b -> b.streamName(name).records(batch)).failedRecordCount())
                .isZero();

        List<Record> read = new ArrayList<>();
        int shardsWithRecords = 0;
        for (int shard = 0; shard < 4; shard++) {
            String iterator = iterator(name, shardId(shard), ShardIteratorType.TRIM_HORIZON, null, null);
            List<Record> records = read(iterator);
            shardsWithRecords += records.isEmpty() ? 0 : 1;
            read.addAll(records);
        }
        assertThat(read).hasSize(42);
        assertThat(shardsWithRecords).as("42 records spread over the 4 shards").isGreaterThan(1);
        assertThat(read).filteredOn(r -> r.partitionKey() == null).hasSize(41);
        assertThat(read).filteredOn(r -> "kept".equals(r.partitionKey())).hasSize(1);

        String provisioned = provisioned(prefix() + "-auto-provisioned");
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.updateStreamRecordDistributionStrategy(b -> b.streamARN(arn(provisioned))
                                .recordDistributionStrategy(RecordDistributionStrategy.AUTO))),
                "InvalidArgumentException",
                "The AUTO record distribution strategy is only supported for streams in ON_DEMAND mode; stream "
                        + provisioned + " under account " + ACCOUNT + " is in PROVISIONED mode.");
        assertThat(summary(provisioned).recordDistributionStrategy()).isNull();
    }

    // ------------------------------------------------------------------------------------------------------
    // Channels

    @Test
    void aChannelIsCreatedDescribedListedUpdatedAndDeleted() throws InterruptedException {
        String name = onDemand(prefix() + "-channel-source");
        String channel = prefix() + "-orders";
        ChannelDescription created =
                kinesis.createChannel(toBucket(channel, name)).channelDescription();
        String channelArn = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":channel/" + channel;
        assertThat(created.channelName()).isEqualTo(channel);
        assertThat(created.channelARN()).isEqualTo(channelArn);
        assertThat(created.channelId()).isNotBlank();
        assertThat(created.channelStatus()).isIn(ChannelStatus.CREATING, ChannelStatus.ACTIVE);
        assertThat(created.serviceExecutionRoleARN()).isEqualTo(ROLE);
        assertThat(created.streamConfigurationList()).singleElement().satisfies(source -> {
            assertThat(source.streamARN()).isEqualTo(arn(name));
            assertThat(source.streamCreationTimestamp()).isNotNull();
            assertThat(source.recordConfiguration().recordFormatType()).isEqualTo(RecordFormatType.JSON);
        });
        assertThat(created.s3DestinationConfiguration().dataFreshnessInSeconds())
                .isEqualTo(300);
        assertThat(created.s3DestinationConfiguration().storageConfiguration().bucketARN())
                .isEqualTo(BUCKET);
        assertThat(created.s3DestinationConfiguration()
                        .deadLetterQueueS3Configuration()
                        .bucketARN())
                .isEqualTo(BUCKET);
        assertThat(created.loggingConfiguration().cloudWatchLogs().enabled()).isFalse();
        assertThat(awaitChannel(channelArn, ChannelStatus.ACTIVE).channelCreationTimestamp())
                .isEqualTo(created.channelCreationTimestamp());

        assertThat(summary(name).channelCount()).isEqualTo(1);
        DescribeLimitsResponse limits = kinesis.describeLimits(b -> {});
        assertThat(limits.channelCount()).isGreaterThanOrEqualTo(1);
        assertThat(limits.channelCountLimit()).isEqualTo(50);
        ListChannelsResponse listed = kinesis.listChannels(b -> b.streamFilter(StreamFilter.builder()
                .streamARN(arn(name))
                .streamCreationTimestamp(
                        created.streamConfigurationList().get(0).streamCreationTimestamp())
                .build()));
        assertThat(listed.channelSummaries()).singleElement().satisfies(summary -> {
            assertThat(summary.channelARN()).isEqualTo(channelArn);
            assertThat(summary.channelDestinationType()).isEqualTo(ChannelDestinationType.S3);
            assertThat(summary.streams())
                    .singleElement()
                    .satisfies(s -> assertThat(s.streamARN()).isEqualTo(arn(name)));
        });
        assertThat(listed.nextToken()).isNull();

        kinesis.tagResource(b -> b.resourceARN(channelArn).tags(Map.of("env", "test", "team", "ops")));
        kinesis.untagResource(b -> b.resourceARN(channelArn).tagKeys("env"));
        assertThat(tagsOf(kinesis.listTagsForResource(b -> b.resourceARN(channelArn))
                        .tags()))
                .containsExactly(Map.entry("team", "ops"));
        kinesis.putResourcePolicy(b -> b.resourceARN(channelArn).policy(POLICY));
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(channelArn)).policy())
                .isEqualTo(POLICY);

        ChannelDescription updated = kinesis.updateChannel(b -> b.channelARN(channelArn)
                        .s3DestinationConfiguration(s -> s.dataFreshnessInSeconds(60))
                        .loggingConfiguration(l -> l.cloudWatchLogs(c -> c.enabled(true))))
                .channelDescription();
        assertThat(updated.channelStatus()).isEqualTo(ChannelStatus.UPDATING);
        assertThat(updated.s3DestinationConfiguration().dataFreshnessInSeconds())
                .isEqualTo(60);
        assertThat(updated.loggingConfiguration().cloudWatchLogs().logGroupName())
                .isEqualTo("/aws/kinesis/" + channel + "/" + created.channelId());
        assertThat(updated.loggingConfiguration().cloudWatchLogs().logStreamName())
                .isEqualTo("DestinationDelivery");

        assertThat(expect(ResourceInUseException.class, () -> kinesis.deleteStream(b -> b.streamName(name)))
                        .awsErrorDetails()
                        .errorMessage())
                .contains("A stream cannot be deleted while it has active channels");
        kinesis.deleteChannel(b -> b.channelARN(channelArn));
        awaitChannelGone(channelArn);
        assertThat(summary(name).channelCount()).isZero();
    }

    @Test
    void aChannelToStreamingTablesKeepsItsSchema() throws InterruptedException {
        String name = onDemand(prefix() + "-tables-source");
        String schema = "arn:aws:glue:us-east-1:" + ACCOUNT + ":schema/registry/orders";
        ChannelDescription created = kinesis.createChannel(b -> b.channelName(prefix() + "-tables")
                        .serviceExecutionRoleARN(ROLE)
                        .streamConfigurationList(ChannelStreamConfiguration.builder()
                                .streamARN(arn(name))
                                .recordConfiguration(r -> r.recordFormatType(RecordFormatType.GSR_JSON)
                                        .gsrSchemaARN(schema))
                                .build())
                        .s3TablesDestinationConfiguration(t -> t.deadLetterQueueS3Configuration(
                                        d -> d.bucketARN(BUCKET).expectedBucketOwner(ACCOUNT))
                                .s3TablesConfigurationList(c -> c.tableBucketARN(
                                                "arn:aws:s3tables:us-east-1:" + ACCOUNT + ":bucket/tables")
                                        .namespace("sales")
                                        .tableName("orders")
                                        .compressionType(S3TablesCompressionType.ZSTD)
                                        .partitionSpec(p -> p.partitionFields(
                                                f -> f.transform("TIME_HOUR").sourceName("created_at"))))))
                .channelDescription();
        assertThat(created.streamConfigurationList()
                        .get(0)
                        .recordConfiguration()
                        .gsrSchemaARN())
                .isEqualTo(schema);
        assertThat(created.s3TablesDestinationConfiguration().dataFreshnessInSeconds())
                .isEqualTo(300);
        assertThat(created.s3TablesDestinationConfiguration().s3TablesConfigurationList())
                .singleElement()
                .satisfies(table -> assertThat(table.partitionSpec().partitionFields())
                        .singleElement()
                        .satisfies(field -> assertThat(field.sourceName()).isEqualTo("created_at")));
        assertThat(kinesis.describeChannel(b -> b.channelARN(created.channelARN()))
                        .channelDescription()
                        .streamConfigurationList()
                        .get(0)
                        .recordConfiguration()
                        .gsrSchemaARN())
                .isEqualTo(schema);
        assertThat(kinesis.listChannels(b -> b.streamFilter(
                                StreamFilter.builder().streamARN(arn(name)).build()))
                        .channelSummaries())
                .singleElement()
                .satisfies(summary ->
                        assertThat(summary.channelDestinationType()).isEqualTo(ChannelDestinationType.S3_TABLES));
    }

    @Test
    void channelErrors() throws InterruptedException {
        String name = onDemand(prefix() + "-channel-errors");
        String provisioned = provisioned(prefix() + "-channel-provisioned");
        String channel = prefix() + "-dup";
        kinesis.createChannel(toBucket(channel, name));
        assertError(
                expect(ResourceInUseException.class, () -> kinesis.createChannel(toBucket(channel, name))),
                "ResourceInUseException",
                "Channel " + channel + " under account " + ACCOUNT + " already exists.");
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.createChannel(toBucket(prefix() + "-prov", provisioned))),
                "InvalidArgumentException",
                "CreateChannel is only supported for data streams with the on-demand capacity mode; stream "
                        + provisioned + " under account " + ACCOUNT + " is in PROVISIONED mode.");
        assertError(
                expect(
                        ResourceNotFoundException.class,
                        () -> kinesis.createChannel(toBucket(prefix() + "-lost", prefix() + "-no-such-stream"))),
                "ResourceNotFoundException",
                "Stream " + prefix() + "-no-such-stream under account " + ACCOUNT + " not found.");
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.createChannel(toBucket(prefix() + "-string", name).toBuilder()
                                .streamConfigurationList(ChannelStreamConfiguration.builder()
                                        .streamARN(arn(name))
                                        .recordConfiguration(r -> r.recordFormatType(RecordFormatType.GSR_JSON))
                                        .build())
                                .build())),
                "InvalidArgumentException",
                "RecordFormatType GSR_JSON is supported only for streaming table (Amazon S3 Tables) destinations.");
        assertThat(expect(
                                ValidationException.class,
                                () -> kinesis.createChannel(toBucket(prefix() + "-role", name).toBuilder()
                                        .serviceExecutionRoleARN("not-a-role")
                                        .build()))
                        .awsErrorDetails()
                        .errorMessage())
                .startsWith("1 validation error detected: Value 'not-a-role' at 'serviceExecutionRoleARN' failed to "
                        + "satisfy constraint: Member must satisfy regular expression pattern: ");
        String missing = "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":channel/" + prefix() + "-missing";
        assertError(
                expect(ResourceNotFoundException.class, () -> kinesis.describeChannel(b -> b.channelARN(missing))),
                "ResourceNotFoundException",
                "Channel " + prefix() + "-missing under account " + ACCOUNT + " not found.");
        awaitChannel(arnOfChannel(channel), ChannelStatus.ACTIVE);
        assertError(
                expect(
                        InvalidArgumentException.class,
                        () -> kinesis.updateChannel(b -> b.channelARN(arnOfChannel(channel))
                                .s3TablesDestinationConfiguration(t -> t.dataFreshnessInSeconds(60)))),
                "InvalidArgumentException",
                "Channel " + channel + " delivers to S3; update it with S3DestinationConfiguration.");
    }

    // ------------------------------------------------------------------------------------------------------
    // Helpers

    String provisioned(String name) throws InterruptedException {
        streams.add(name);
        kinesis.createStream(b -> b.streamName(name).shardCount(1));
        awaitActive(name);
        return name;
    }

    String onDemand(String name) throws InterruptedException {
        streams.add(name);
        kinesis.createStream(b -> b.streamName(name).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)));
        awaitActive(name);
        return name;
    }

    StreamDescriptionSummary summary(String name) {
        return kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
    }

    MinimumThroughputBillingCommitmentOutput commit(MinimumThroughputBillingCommitmentInputStatus status) {
        return kinesis.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(c -> c.status(status)))
                .minimumThroughputBillingCommitment();
    }

    static String arnOfChannel(String channel) {
        return "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":channel/" + channel;
    }

    static CreateChannelRequest toBucket(String channel, String stream) {
        Consumer<CreateChannelRequest.Builder> request = b -> b.channelName(channel)
                .serviceExecutionRoleARN(ROLE)
                .streamConfigurationList(ChannelStreamConfiguration.builder()
                        .streamARN(arn(stream))
                        .recordConfiguration(r -> r.recordFormatType(RecordFormatType.JSON))
                        .build())
                .s3DestinationConfiguration(s -> s.storageConfiguration(st ->
                        st.bucketARN(BUCKET).expectedBucketOwner(ACCOUNT).compressionType(S3CompressionType.GZIP)));
        CreateChannelRequest.Builder builder = CreateChannelRequest.builder();
        request.accept(builder);
        return builder.build();
    }

    ChannelDescription awaitChannel(String channelArn, ChannelStatus status) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        ChannelDescription channel;
        do {
            channel = kinesis.describeChannel(b -> b.channelARN(channelArn)).channelDescription();
            if (channel.channelStatus() == status) {
                return channel;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("channel " + channelArn + " is still " + channel.channelStatus());
    }

    void awaitChannelGone(String channelArn) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        do {
            try {
                kinesis.describeChannel(b -> b.channelARN(channelArn));
            } catch (ResourceNotFoundException gone) {
                return;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("channel " + channelArn + " still exists");
    }
}
