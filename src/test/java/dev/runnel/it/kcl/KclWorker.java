package dev.runnel.it.kcl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.Http2Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * A KCL application in its own JVM, started by {@link KclScenario}: one {@link Scheduler} reading one stream
 * from Runnel, with its Kinesis, DynamoDB and CloudWatch clients all pointed at Runnel. The same class runs on
 * KCL 3 (the test classpath) and on KCL 2 (the test classpath with KCL 2's jar in place of KCL 3's), so it
 * uses only API both share; what only KCL 3 has is set in {@link Kcl3Settings}, loaded in KCL 3 mode only.
 *
 * <p>Arguments are {@code key=value}: {@code endpoint}, {@code stream}, {@code application}, {@code worker},
 * {@code mode} ({@code polling} or {@code fanout}), {@code kcl} ({@code 2} or {@code 3}), {@code journal} (the
 * file {@link JournalingProcessor} appends to), optionally {@code metrics} (a {@link MetricsLevel}, default
 * NONE) and {@code logCalls=true} (print every DynamoDB and CloudWatch request, see {@link CallLogger}). A line
 * {@code stop} on stdin, the end of stdin or SIGTERM shuts the scheduler down gracefully; then the JVM exits.
 */
public final class KclWorker {

    /** Failover time: a lease not renewed within it is taken over by another worker. */
    static final long FAILOVER_MILLIS = 3_000;

    /**
     * How long a graceful shutdown may take before the scheduler is shut down outright. KCL's graceful shutdown
     * waits for every held lease's processor to acknowledge; a held lease of a finished shard (SHARD_END) never
     * does, so a worker holding one always waits this out.
     */
    static final long GRACEFUL_SHUTDOWN_SECONDS = 5;

    private KclWorker() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        URI endpoint = URI.create(options.get("endpoint"));
        String stream = options.get("stream");
        String application = options.get("application");
        String worker = options.get("worker");
        boolean fanOut = "fanout".equals(options.get("mode"));
        boolean kcl3 = "3".equals(options.get("kcl"));
        boolean logCalls = Boolean.parseBoolean(options.getOrDefault("logCalls", "false"));
        MetricsLevel metricsLevel = MetricsLevel.valueOf(options.getOrDefault("metrics", "NONE"));
        Path journalFile = Path.of(options.get("journal"));
        PrintStream journal = new PrintStream(
                Files.newOutputStream(journalFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                false,
                StandardCharsets.UTF_8);

        KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP2)
                        .http2Configuration(Http2Configuration.builder()
                                .maxStreams(100L)
                                .initialWindowSize(1024 * 1024)
                                .build())
                        .connectionTimeout(Duration.ofSeconds(10)))
                .build();
        DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(override("DynamoDB", logCalls))
                .build();
        CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(override("CloudWatch", logCalls))
                .build();

        InitialPositionInStreamExtended trimHorizon =
                InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON);
        ConfigsBuilder configs = new ConfigsBuilder(
                // the stream tracker's position is the one KCL uses (LATEST unless given)
                new SingleStreamTracker(stream, trimHorizon),
                application,
                kinesis,
                dynamo,
                cloudWatch,
                worker,
                () -> new JournalingProcessor(journal));
        LeaseManagementConfig leases = configs.leaseManagementConfig()
                .failoverTimeMillis(FAILOVER_MILLIS)
                .shardSyncIntervalMillis(1_000)
                // finished shards keep their lease (checkpoint SHARD_END), for the test to read
                .cleanupLeasesUponShardCompletion(false)
                .initialPositionInStream(trimHorizon);
        CoordinatorConfig coordinator = configs.coordinatorConfig()
                .parentShardPollIntervalMillis(500)
                .shardConsumerDispatchPollIntervalMillis(200)
                .schedulerInitializationBackoffTimeMillis(500);
        RetrievalConfig retrieval = configs.retrievalConfig();
        if (!fanOut) {
            retrieval.retrievalSpecificConfig(new PollingConfig(stream, kinesis).idleTimeBetweenReadsInMillis(200));
        }
        if (kcl3) {
            Kcl3Settings.apply(leases, coordinator);
        }
        Scheduler scheduler = new Scheduler(
                configs.checkpointConfig(),
                coordinator,
                leases,
                configs.lifecycleConfig().taskBackoffTimeMillis(200),
                configs.metricsConfig().metricsLevel(metricsLevel),
                configs.processorConfig(),
                retrieval);

        Thread schedulerThread = new Thread(scheduler, "kcl-scheduler");
        schedulerThread.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(scheduler, journal), "kcl-sigterm"));
        try (BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = stdin.readLine()) != null && !line.trim().equals("stop")) {
                // wait for "stop" or the end of stdin (the test JVM is gone)
            }
        } catch (IOException closed) {
            // as good as a stop
        }
        stop(scheduler, journal);
        schedulerThread.join(TimeUnit.SECONDS.toMillis(10));
        System.out.println("KclWorker " + worker + " stopped");
        System.exit(0);
    }

    private static synchronized void stop(Scheduler scheduler, PrintStream journal) {
        if (scheduler.hasGracefulShutdownStarted()) {
            return;
        }
        try {
            boolean done = scheduler.startGracefulShutdown().get(GRACEFUL_SHUTDOWN_SECONDS, TimeUnit.SECONDS);
            JournalingProcessor.write(journal, "STOPPED " + done);
        } catch (Exception e) {
            e.printStackTrace();
            JournalingProcessor.write(journal, "STOPPED false");
            scheduler.shutdown();
        }
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret"));
    }

    private static ClientOverrideConfiguration override(String service, boolean logCalls) {
        ClientOverrideConfiguration.Builder override =
                ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(30));
        if (logCalls) {
            override.addExecutionInterceptor(new CallLogger(service));
        }
        return override.build();
    }
}
