package dev.runnel.storage.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker for tests: one combined broker-and-controller KRaft node running {@code kafka.Kafka} from the
 * {@code kafka_2.13} test dependency in a child JVM, on two free loopback ports, with its data in a temporary
 * directory. One broker serves a whole test JVM ({@link #shared()}, started on first use, stopped when the JVM
 * exits); tests keep apart by using their own topic prefix ({@link #uniquePrefix()}).
 *
 * <p>The in-process test kits cannot run Kafka 4.4 (spring-kafka-test needs a class 4.4 removed, and Kafka's own
 * cluster kit needs test utilities no 4.4 artifact ships), so the broker runs as its own process; it is ready in
 * about three seconds. Its log is copied to {@code target/kafka-broker-<pid>.log} when it stops.
 */
public final class TestBroker implements AutoCloseable {

    static {
        // Outside a Spring context nothing applies application.yaml's level, and the clients log every setting.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static TestBroker shared;

    private final Process process;
    private final Path dir;
    private final String bootstrapServers;

    private TestBroker(Process process, Path dir, String bootstrapServers) {
        this.process = process;
        this.dir = dir;
        this.bootstrapServers = bootstrapServers;
    }

    /** The broker of this test JVM, started on the first call and stopped when the JVM exits. */
    public static synchronized TestBroker shared() {
        if (shared == null) {
            shared = start();
            TestBroker broker = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-broker-stop"));
        }
        return shared;
    }

    /** A topic prefix no other test of this JVM uses, such as {@code t7.}. */
    public static String uniquePrefix() {
        return "t" + PREFIXES.incrementAndGet() + ".";
    }

    /** Starts a broker of its own; the caller closes it. */
    public static TestBroker start() {
        try {
            return launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the test broker", e);
        }
    }

    /**
     * Client options for this broker under {@code prefix}: replication factor 1, a 5 s request timeout and a 1 s
     * session timeout (the broker allows sessions down to 500 ms).
     */
    public KafkaOptions options(String prefix) {
        return new KafkaOptions(
                bootstrapServers, prefix, (short) 1, Duration.ofSeconds(5), Duration.ofSeconds(1), Map.of());
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Freezes the broker (SIGSTOP): it keeps its connections but answers nothing, as an unreachable cluster does,
     * until {@link #resume()}. For a broker of the test's own ({@link #start()}), never the shared one.
     */
    public void pause() {
        signal("STOP");
    }

    /** Lets a {@link #pause paused} broker run again (SIGCONT). */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the broker's process is running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    private static TestBroker launch() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("runnel-kafka-");
        int brokerPort = freePort();
        int controllerPort = freePort();
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(dir, brokerPort, controllerPort));
        format(config);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xms64m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                "kafka.Kafka",
                config.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker.log").toFile())
                .start();
        TestBroker broker = new TestBroker(process, dir, "127.0.0.1:" + brokerPort);
        try {
            broker.awaitReady(brokerPort);
            return broker;
        } catch (IOException | InterruptedException | RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    private static String serverProperties(Path dir, int brokerPort, int controllerPort) {
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "group.initial.rebalance.delay.ms=0",
                "group.min.session.timeout.ms=500",
                "log.segment.delete.delay.ms=1000",
                "file.delete.delay.ms=1000",
                "");
    }

    /** Formats the storage in this JVM: {@code StorageTool.execute} returns its exit code instead of exiting. */
    private static void format(Path config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("formatting the test broker's storage failed: " + out);
        }
    }

    /** Waits for the listener first (an admin client polling a closed port logs a warning a try), then the cluster. */
    private void awaitReady(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            checkRunning(deadline);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200))) {
            while (true) {
                checkRunning(deadline);
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(2, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    Thread.sleep(50);
                }
            }
        }
    }

    private void checkRunning(long deadline) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the test broker stopped: " + Files.readString(dir.resolve("broker.log")));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the test broker was not ready within 60 s; its log is in " + dir);
        }
    }

    /** Stops the broker (SIGTERM: a controlled shutdown), keeps its log under target/ and deletes its data. */
    @Override
    public synchronized void close() {
        try {
            if (process.isAlive()) {
                resume(); // a paused broker would not act on SIGTERM
            }
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Path log = dir.resolve("broker.log");
            if (Files.exists(log) && Files.isDirectory(Path.of("target"))) {
                Files.copy(
                        log,
                        Path.of("target", "kafka-broker-" + process.pid() + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
