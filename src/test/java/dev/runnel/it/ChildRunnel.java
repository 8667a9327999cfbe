package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged jar started in a child JVM on a loopback port, with a heap and flags of the test's choosing, its
 * output in a log file under {@code target/}. Stopping it stops only the process this started: gracefully
 * ({@link #close()}) or with SIGKILL ({@link #kill()}). A child on the durable file store ({@link #startOnFiles})
 * can be killed and started again on the same data directory, its restarts appending to one log.
 *
 * <p>Children start the way users do, through {@code bin/runnel} (which {@code exec}s the JVM, so the process is
 * the JVM itself), from one start-up archive in {@code target/it-child-cds/} that the first child of a test run
 * records: a start then takes less than half a plain {@code java -jar}'s time, which matters to a test that
 * restarts Runnel twenty times. The test's JVM options go in {@code JAVA_OPTS}, after the script's own, so they win.
 */
final class ChildRunnel implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Path ARCHIVE_DIR = Path.of("target", "it-child-cds").toAbsolutePath();
    private static boolean archiveRecorded;

    final int port;
    final Path log;
    private final Process process;

    private ChildRunnel(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code JAVA_OPTS=<jvmOptions> bin/runnel --server.port=… --runnel.https.port=0 … <arguments>} on the
     * packaged jar and this test's JVM.
     */
    static ChildRunnel start(String logName, List<String> jvmOptions, List<String> arguments) throws IOException {
        return start(logName, false, jvmOptions, arguments);
    }

    /**
     * Starts Runnel on the file store in {@code dataDir} ({@code --runnel.storage.type=file
     * --runnel.storage.dir=… --runnel.storage.fsync=…}, then {@code arguments}), appending its output to the log
     * after a line that tells this start from earlier ones on the same log.
     *
     * @param fsync {@code always}, {@code interval} or {@code never}
     */
    static ChildRunnel startOnFiles(
            String logName, Path dataDir, String fsync, List<String> jvmOptions, List<String> arguments)
            throws IOException {
        List<String> all = new ArrayList<>();
        all.add("--runnel.storage.type=file");
        all.add("--runnel.storage.dir=" + dataDir.toAbsolutePath());
        all.add("--runnel.storage.fsync=" + fsync);
        all.addAll(arguments);
        Path log = Path.of("target", logName).toAbsolutePath();
        Files.writeString(
                log,
                "=== test: starting Runnel on " + dataDir + " (fsync=" + fsync + ") at " + Instant.now()
                        + System.lineSeparator(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return start(logName, true, jvmOptions, all);
    }

    private static ChildRunnel start(String logName, boolean appendLog, List<String> jvmOptions, List<String> arguments)
            throws IOException {
        int port = freePort();
        Path log = Path.of("target", logName).toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(Path.of("bin", "runnel").toAbsolutePath().toString());
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        // As src/test/resources/config/application.properties sets for in-process Runnels: any free HTTPS port, and
        // the generated certificate under target/.
        command.add("--runnel.https.port=0");
        command.add("--runnel.https.dir=" + Path.of("target", "tls-test").toAbsolutePath());
        command.addAll(arguments);
        ProcessBuilder builder = launcher(command);
        builder.environment().put("JAVA_OPTS", String.join(" ", jvmOptions));
        recordArchiveOnce();
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(
                        appendLog
                                ? ProcessBuilder.Redirect.appendTo(log.toFile())
                                : ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        return new ChildRunnel(port, log, process);
    }

    /** Waits until the server answers a health check; fails if it exits or takes too long. */
    ChildRunnel awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            assertThat(process.isAlive()).as("Runnel is running (see %s)", log).isTrue();
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("started within %s", START_TIMEOUT).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Waits for the process to exit by itself; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("exited within %s", timeout)
                .isTrue();
        return process.exitValue();
    }

    /**
     * Kills the process with SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no flush, no
     * close. Waits until it is gone; its exit code (137 after a SIGKILL).
     */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("killed within 30 s")
                .isTrue();
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** {@code bin/runnel} with this test's JVM, the packaged jar and the children's archive directory. */
    private static ProcessBuilder launcher(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("RUNNEL_JAR", packagedJar().toString());
        builder.environment().put("RUNNEL_CDS_DIR", ARCHIVE_DIR.toString());
        builder.environment().remove("JAVA_OPTS");
        return builder;
    }

    /**
     * Has {@code bin/runnel --prepare} record the archive (its training run, about twenty seconds) before the first
     * child starts, so that no child's start, nor its timeout, includes it; the script's log is {@code
     * target/it-child-cds.log}.
     */
    private static synchronized void recordArchiveOnce() throws IOException {
        if (archiveRecorded) {
            return;
        }
        Process prepare = launcher(
                        List.of(Path.of("bin", "runnel").toAbsolutePath().toString(), "--prepare"))
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "it-child-cds.log").toFile())
                .start();
        try {
            assertThat(prepare.waitFor(3, TimeUnit.MINUTES))
                    .as("bin/runnel --prepare finished (see target/it-child-cds.log)")
                    .isTrue();
        } catch (InterruptedException e) {
            prepare.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while bin/runnel recorded its archive", e);
        }
        assertThat(prepare.exitValue())
                .as("bin/runnel --prepare exit code (see target/it-child-cds.log)")
                .isZero();
        archiveRecorded = true;
    }

    private static Path packagedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("runnel-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no target/runnel-*.jar: run the package phase first"))
                    .toAbsolutePath();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
