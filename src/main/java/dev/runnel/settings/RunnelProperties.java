package dev.runnel.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of Runnel, under {@code runnel.*}; each is documented in the README's configuration table.
 *
 * @param accountId the twelve-digit account that owns every stream, used in ARNs and error messages
 * @param region the region of the REST API and the console, and of unsigned AWS requests
 * @param regions the regions signed AWS requests may name besides {@code region}; empty for
 *     {@link AwsRegionNames#ALL}
 */
@ConfigurationProperties("runnel")
@Validated
public record RunnelProperties(
        @DefaultValue("000000000000") @Pattern(regexp = "\\d{12}")
        String accountId,

        @DefaultValue("us-east-1") @Pattern(regexp = AwsRegionNames.NAME)
        String region,

        @DefaultValue @Valid @NotNull Streams streams,
        @DefaultValue @Valid @NotNull Iterators iterators,
        @DefaultValue @Valid @NotNull Storage storage,
        @DefaultValue @Valid @NotNull Http http,
        @DefaultValue @Valid @NotNull OnDemand onDemand,
        @DefaultValue @Valid @NotNull Limits limits,
        @DefaultValue @Valid @NotNull Faults faults,
        @DefaultValue @Valid @NotNull Insight insight,
        @DefaultValue @Valid @NotNull FanOut fanOut,
        @DefaultValue @Valid @NotNull Kcl kcl,
        @DefaultValue @Valid @NotNull Kafka kafka,
        @DefaultValue @Valid @NotNull Https https,
        List<@Pattern(regexp = AwsRegionNames.NAME) String> regions) {

    /** Binds every setting; the shorter constructors below serve code that keeps the later groups' defaults. */
    @ConstructorBinding
    public RunnelProperties {
        regions = regions == null || regions.isEmpty() ? AwsRegionNames.ALL : List.copyOf(regions);
    }

    /** Settings with ON_DEMAND scaling and per-shard limits at their defaults. */
    public RunnelProperties(
            String accountId, String region, Streams streams, Iterators iterators, Storage storage, Http http) {
        this(accountId, region, streams, iterators, storage, http, OnDemand.DEFAULTS);
    }

    /** Settings with per-shard limits at their defaults. */
    public RunnelProperties(
            String accountId,
            String region,
            Streams streams,
            Iterators iterators,
            Storage storage,
            Http http,
            OnDemand onDemand) {
        this(
                accountId,
                region,
                streams,
                iterators,
                storage,
                http,
                onDemand,
                Limits.DEFAULTS,
                Faults.NONE,
                Insight.DEFAULTS,
                FanOut.DEFAULTS,
                Kcl.DEFAULTS,
                Kafka.DEFAULTS,
                Https.DEFAULTS,
                AwsRegionNames.ALL);
    }

    /** @param hotShare the write utilisation (of a shard's limits) from which the shard counts as hot */
    public record Insight(
            @DefaultValue("0.8") @DecimalMin("0.05") @DecimalMax("1.0")
            double hotShare) {

        public static final Insight DEFAULTS = new Insight(0.8);
    }

    /**
     * Fault injection for testing clients' retry logic, on the AWS edge: each rule that matches a call's
     * operation (or {@code *}) and, when given, its stream adds {@code latency} and then fails the call with
     * {@code error} at the given probability. Off unless {@code enabled}.
     *
     * @param seed makes the random draws repeatable; empty for a random seed
     */
    public record Faults(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("") String seed,
            @Valid List<Rule> rules) {

        public static final Faults NONE = new Faults(false, "", List.of());

        public Faults {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }

        /**
         * @param operation a Kinesis operation name such as {@code PutRecord}, or {@code *} for all
         * @param stream a stream name; empty for every stream
         * @param error {@code ProvisionedThroughputExceededException}, {@code InternalFailure},
         *     {@code ServiceUnavailable}, or empty to add latency only
         * @param probability how often the error is raised, 0 to 1
         * @param latency added before the call runs (or fails)
         */
        public record Rule(
                @DefaultValue("*") @NotBlank String operation,
                @DefaultValue("") String stream,

                @DefaultValue("")
                @Pattern(regexp = "|ProvisionedThroughputExceededException|InternalFailure" + "|ServiceUnavailable")
                String error,

                @DefaultValue("1.0") @DecimalMin("0.0") @DecimalMax("1.0")
                double probability,

                @DefaultValue("0ms") @NotNull Duration latency) {}
    }

    /**
     * Kinesis's per-shard throughput limits, enforced as on Kinesis unless {@code enabled} is false.
     *
     * @param writeBytesPerSecond data plus partition-key bytes a shard takes per second, sustained
     * @param writeBurstBytes how many bytes a shard can take at once (large records burst; at least one
     *     10 MiB record with its key)
     * @param writeRecordsPerSecond records a shard takes per second
     * @param readBytesPerSecond bytes a shard serves per second; a bigger read goes into debt, holding the
     *     shard's next reads until it is paid off
     * @param readCallsPerSecond GetRecords calls a shard serves per second
     * @param controlPlane whether the control-plane call rates (CreateStream 5/s, DescribeStream 10/s, …)
     *     are enforced too; off by default, as KCL's start-up would trip them
     */
    public record Limits(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1MB") @NotNull DataSize writeBytesPerSecond,
            @DefaultValue("11MB") @NotNull DataSize writeBurstBytes,
            @DefaultValue("1000") @Min(1) long writeRecordsPerSecond,
            @DefaultValue("2MB") @NotNull DataSize readBytesPerSecond,
            @DefaultValue("5") @Min(1) long readCallsPerSecond,
            @DefaultValue("false") boolean controlPlane) {

        public static final Limits DEFAULTS = new Limits(
                true, DataSize.ofMegabytes(1), DataSize.ofMegabytes(11), 1000, DataSize.ofMegabytes(2), 5, false);

        /** Limits switched off: nothing is throttled. */
        public static final Limits OFF = new Limits(
                false,
                DEFAULTS.writeBytesPerSecond,
                DEFAULTS.writeBurstBytes,
                DEFAULTS.writeRecordsPerSecond,
                DEFAULTS.readBytesPerSecond,
                DEFAULTS.readCallsPerSecond,
                false);

        @AssertTrue(message = "byte rates must be positive and the write burst at least the write rate")
        public boolean isSizesValid() {
            return writeBytesPerSecond != null
                    && writeBurstBytes != null
                    && readBytesPerSecond != null
                    && writeBytesPerSecond.toBytes() > 0
                    && readBytesPerSecond.toBytes() > 0
                    && writeBurstBytes.toBytes() >= writeBytesPerSecond.toBytes();
        }
    }

    /**
     * How ON_DEMAND streams grow: when their write rate, averaged over {@code sustainedFor}, passes
     * {@code scaleUpAt} of their capacity (1 MiB/s and 1000 records/s a shard), their open shards double,
     * at most once per {@code cooldown} and up to {@code maxShards}.
     */
    public record OnDemand(
            @DefaultValue("0.8") @DecimalMin("0.05") @DecimalMax("1.0")
            double scaleUpAt,

            @DefaultValue("10s") @NotNull Duration sustainedFor,
            @DefaultValue("30s") @NotNull Duration cooldown,
            @DefaultValue("1024") @Min(4) int maxShards) {

        public static final OnDemand DEFAULTS = new OnDemand(0.8, Duration.ofSeconds(10), Duration.ofSeconds(30), 1024);

        @AssertTrue(message = "sustained-for must be 1s to 59s and the cooldown must not be negative")
        public boolean isTimingValid() {
            return sustainedFor != null
                    && cooldown != null
                    && sustainedFor.getSeconds() >= 1
                    && sustainedFor.getSeconds() <= 59
                    && !cooldown.isNegative();
        }
    }

    /**
     * @param shardLimit the most open shards all streams may have together
     * @param createDelay how long a new stream stays CREATING
     * @param deleteDelay how long a deleted stream stays DELETING
     * @param updateDelay how long a stream stays UPDATING after a change Kinesis applies asynchronously
     * @param housekeepingInterval how often expired records are trimmed and deleted streams removed
     */
    public record Streams(
            @DefaultValue("10000") @Min(1) @Max(1_000_000) int shardLimit,
            @DefaultValue("500ms") @NotNull Duration createDelay,
            @DefaultValue("500ms") @NotNull Duration deleteDelay,
            @DefaultValue("500ms") @NotNull Duration updateDelay,
            @DefaultValue("1s") @NotNull Duration housekeepingInterval) {

        @AssertTrue(message = "delays must not be negative and the housekeeping interval must be positive")
        public boolean isTimingValid() {
            return createDelay != null
                    && deleteDelay != null
                    && updateDelay != null
                    && housekeepingInterval != null
                    && !createDelay.isNegative()
                    && !deleteDelay.isNegative()
                    && !updateDelay.isNegative()
                    && !housekeepingInterval.isNegative()
                    && !housekeepingInterval.isZero();
        }
    }

    /**
     * @param secret key for signing shard iterators, so that several nodes can honour each other's; a random
     *     key is made at start-up when empty (iterators then die with the process)
     * @param ttl how long an iterator stays valid; Kinesis uses five minutes
     */
    public record Iterators(
            @DefaultValue("") String secret,
            @DefaultValue("5m") @NotNull Duration ttl) {

        @AssertTrue(message = "the iterator ttl must be positive")
        public boolean isTtlValid() {
            return ttl != null && !ttl.isNegative() && !ttl.isZero();
        }
    }

    /** All defaults, as a test or a tool would start Runnel. */
    public static RunnelProperties defaults() {
        return new RunnelProperties(
                "000000000000",
                "us-east-1",
                new Streams(
                        10_000,
                        Duration.ofMillis(500),
                        Duration.ofMillis(500),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1)),
                new Iterators("", Duration.ofMinutes(5)),
                new Storage(null, DataSize.ofMegabytes(1), 16_384),
                Http.DEFAULTS);
    }
}
