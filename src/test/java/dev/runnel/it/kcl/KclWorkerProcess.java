package dev.runnel.it.kcl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@link KclWorker} in a child JVM that this started: KCL 3 on the test classpath, or KCL 2 on the same
 * classpath with the KCL 3 jar swapped for KCL 2's (its dependencies are a subset of KCL 3's). Output goes to
 * {@code <dir>/<name>.log}, processed records to {@code <dir>/<name>.journal}. Stopping it stops only this
 * process.
 */
final class KclWorkerProcess implements AutoCloseable {

    private static final Path TEST_CLASSPATH = Path.of("target", "kcl", "test-classpath.txt");
    private static final Path KCL2_DIR = Path.of("target", "kcl2");

    final String name;
    final Path log;
    final Path journal;
    private final Process process;

    private KclWorkerProcess(String name, Path log, Path journal, Process process) {
        this.name = name;
        this.log = log;
        this.journal = journal;
        this.process = process;
    }

    static KclWorkerProcess start(
            int kclVersion, boolean fanOut, int port, String stream, String application, String name, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".log").toAbsolutePath();
        Path journal = dir.resolve(name + ".journal").toAbsolutePath();
        Files.deleteIfExists(journal);
        Files.createFile(journal);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Daws.disableEc2Metadata=true");
        command.add("-Dlogback.configurationFile="
                + Path.of("target", "test-classes", "kcl", "worker-logback.xml").toAbsolutePath());
        command.add("-cp");
        command.add(classpath(kclVersion));
        command.add(KclWorker.class.getName());
        command.add("endpoint=http://127.0.0.1:" + port);
        command.add("stream=" + stream);
        command.add("application=" + application);
        command.add("worker=" + name);
        command.add("mode=" + (fanOut ? "fanout" : "polling"));
        command.add("kcl=" + kclVersion);
        command.add("journal=" + journal);
        command.add("metrics=" + metricsLevel());
        command.add("logCalls=" + Boolean.getBoolean("kcl.logCalls"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new KclWorkerProcess(name, log, journal, process);
    }

    /** KCL's metrics level for the workers: DETAILED (KCL's default) unless {@code -Dkcl.metrics} says otherwise. */
    static String metricsLevel() {
        return System.getProperty("kcl.metrics", "DETAILED");
    }

    /** The test classpath for KCL 3; for KCL 2, the same with KCL 2's jar in place of KCL 3's. */
    private static String classpath(int kclVersion) throws IOException {
        if (!Files.exists(TEST_CLASSPATH)) {
            throw new IllegalStateException(TEST_CLASSPATH + " is missing: run the KCL ITs through Maven (verify),"
                    + " whose dependency plugin writes it before the integration tests");
        }
        List<String> entries = new ArrayList<>();
        entries.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        boolean swapped = false;
        for (String entry :
                Files.readString(TEST_CLASSPATH, StandardCharsets.UTF_8).trim().split(java.io.File.pathSeparator)) {
            if (kclVersion == 2 && Path.of(entry).getFileName().toString().startsWith("amazon-kinesis-client-")) {
                try (var kcl2 = Files.list(KCL2_DIR)) {
                    entry = kcl2.filter(f -> f.getFileName().toString().startsWith("amazon-kinesis-client-2."))
                            .findFirst()
                            .orElseThrow(() -> new IllegalStateException("no KCL 2 jar in " + KCL2_DIR))
                            .toAbsolutePath()
                            .toString();
                }
                swapped = true;
            }
            entries.add(entry);
        }
        if (kclVersion == 2 && !swapped) {
            throw new IllegalStateException("no amazon-kinesis-client jar on the test classpath to swap");
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Asks for a graceful shutdown (a line on stdin) and waits for the JVM to exit. */
    boolean stopGracefully(Duration timeout) throws InterruptedException {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write("stop\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException gone) {
            // exited already
        }
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL: the worker gets no chance to checkpoint or release anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stopGracefully(Duration.ofSeconds(20))) {
            kill();
        }
    }

    @Override
    public String toString() {
        return "worker " + name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
