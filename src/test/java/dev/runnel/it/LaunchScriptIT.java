package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged jar through {@code bin/runnel}, the launcher the README and the container image use: the
 * first start records the archive in a training run that serves requests (keeping its HTTPS certificate beside the
 * archive), and Runnel then answers the AWS protocol with the Serial collector and the archive in use, on the JVM of
 * {@code JAVA_HOME}: a class-data-sharing archive before JDK 25, an AOT cache from JDK 25 on.
 */
class LaunchScriptIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    @Test
    void startsThePackagedJarWithTheArchiveAndSerialGcOnTheJvmOfJavaHome() throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        startAndCheck(javaHome, Runtime.version().feature(), "it-cds");
    }

    /** The JDK 25 path: an AOT cache (JEP 483/514/515) instead of the class-data archive. */
    @Test
    void recordsAndUsesAnAotCacheOnJdk25() throws Exception {
        Optional<Path> jdk = installedJdk(25);
        assumeTrue(jdk.isPresent(), "no JDK 25 or later in /usr/lib/jvm");
        startAndCheck(jdk.get(), 25, "it-aot");
    }

    @Test
    void refusesAJavaHomeWithoutJava() throws Exception {
        Path empty = Files.createTempDirectory("no-jdk");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "bin/runnel", "--prepare").redirectErrorStream(true);
            builder.environment().put("RUNNEL_JAR", packagedJar().toString());
            builder.environment()
                    .put(
                            "RUNNEL_CDS_DIR",
                            Path.of("target", "it-no-jdk").toAbsolutePath().toString());
            builder.environment().put("JAVA_HOME", empty.toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.waitFor()).isEqualTo(1);
            assertThat(output).contains("JAVA_HOME is " + empty + ", which has no bin/java");
        } finally {
            Files.delete(empty);
        }
    }

    /** Stopped during its first start's training run, {@code bin/runnel} leaves no training JVM running on. */
    @Test
    void stoppingTheScriptDuringTheTrainingRunStopsItsJvm() throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path cds = Path.of("target", "it-stopped").toAbsolutePath();
        deleteRecursively(cds);
        Path log = Path.of("target", "it-stopped-launch-script.log");
        Process script = launch(javaHome, cds, log, "--server.port=" + freePort());
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (trainingJvms(cds).isEmpty() && script.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<ProcessHandle> training = trainingJvms(cds);
            assertThat(training).as("the training run started").isNotEmpty();

            script.destroy(); // SIGTERM to the script alone, as `kill PID` sends it
            assertThat(script.waitFor(20, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle jvm : training) {
                assertThat(jvm.onExit().get(60, TimeUnit.SECONDS).isAlive())
                        .as("the training JVM stops with the script")
                        .isFalse();
            }
        } finally {
            stop(script);
            trainingJvms(cds).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** JVMs recording an archive into {@code cds} (their command line names it). */
    private static List<ProcessHandle> trainingJvms(Path cds) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .commandLine()
                        .filter(line -> line.contains("-XX:ArchiveClassesAtExit=" + cds)
                                || line.contains("-XX:AOTCacheOutput=" + cds))
                        .isPresent())
                .toList();
    }

    private static void startAndCheck(Path javaHome, int feature, String cdsName) throws Exception {
        Path cds = Path.of("target", cdsName).toAbsolutePath();
        deleteRecursively(cds);
        int port = freePort();
        Path tls = Path.of("target", cdsName + "-tls").toAbsolutePath();
        deleteRecursively(tls);
        Path log = Path.of("target", cdsName + "-launch-script.log");
        Process process = launch(
                javaHome,
                cds,
                log,
                "--server.port=" + port,
                "--runnel.streams.create-delay=0",
                "--runnel.https.port=0",
                "--runnel.https.dir=" + tls);
        try {
            HttpResponse<String> answer = awaitListStreams(port, process);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"StreamNames\"");
            assertThat(cds.resolve("tls/runnel.crt"))
                    .as("the training run's throwaway certificate stays in the archive's directory")
                    .isNotEmptyFile();
            assertThat(tls.resolve("runnel.crt"))
                    .as("the real start's certificate")
                    .isNotEmptyFile();
            String archiveOption;
            if (feature >= 25) {
                assertThat(cds.resolve("runnel.aot")).isNotEmptyFile();
                assertThat(cds.resolve("runnel.jsa")).doesNotExist();
                archiveOption = "-XX:AOTCache=" + cds.resolve("runnel.aot");
            } else {
                assertThat(cds.resolve("runnel.jsa")).isNotEmptyFile();
                archiveOption = "-XX:SharedArchiveFile=" + cds.resolve("runnel.jsa");
            }
            assertThat(Files.readString(log))
                    .as("Spring starts from the context the build worked out (process-aot)")
                    .contains("Starting AOT-processed RunnelApplication");
            assertRequestThreads(port, log, feature >= 24);
            // The training run served its session (CreateStream ... DeleteStream) on a port of its own.
            assertThat(Files.readString(cds.resolve("training.log")))
                    .contains("Starting AOT-processed RunnelApplication")
                    .contains("Tomcat started on port")
                    .doesNotContain("session failed");
            Path proc = Path.of("/proc", Long.toString(process.pid()));
            if (Files.exists(proc)) { // Linux: bash has exec'd the JVM under the same pid
                String arguments = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8)
                        .replace('\0', ' ');
                assertThat(arguments)
                        .contains(
                                "-XX:+UseSerialGC",
                                archiveOption,
                                "-Dspring.aot.enabled=true",
                                "-Xmx512m",
                                "--server.port=" + port);
                assertThat(proc.resolve("exe").toRealPath())
                        .isEqualTo(javaHome.resolve("bin/java").toRealPath());
            }
        } finally {
            stop(process);
        }
    }

    /**
     * Requests run on virtual threads from Java 24 on ({@code runnel.http.threads=auto}), on the per-core pool of
     * platform threads before: the start says which, and Spring MVC's first request (which logs its thread's name)
     * ran there.
     */
    private static void assertRequestThreads(int port, Path log, boolean virtual) throws Exception {
        assertThat(get(port, "/actuator/info").statusCode()).isEqualTo(200);
        List<String> lines = Files.readAllLines(log);
        assertThat(lines)
                .anyMatch(line -> line.matches(
                        virtual
                                ? ".*HTTP requests run on virtual threads .*"
                                : ".*HTTP requests run on \\d+ platform threads, and one more for each that waits .*"));
        String firstMvcRequest = lines.stream()
                .filter(line -> line.contains("Initializing Servlet 'dispatcherServlet'"))
                .findFirst()
                .orElseThrow();
        assertThat(firstMvcRequest)
                .as("the thread of Spring MVC's first request")
                .contains(virtual ? "http-request-" : "http-worker-");
    }

    /**
     * Spring AOT fixes Spring's {@code @Conditional}s when the jar is built; Runnel's settings must stay choices
     * of each start under it: here the HTTPS port turned off and the file store chosen.
     */
    @Test
    void runnelsSettingsStayChoicesOfEachStartUnderSpringAot() throws Exception {
        Path cds = Path.of("target", "it-cds-settings").toAbsolutePath();
        Path data = Files.createTempDirectory("runnel-aot-file-store");
        Path log = Path.of("target", "it-cds-settings-launch-script.log");
        int port = freePort();
        Process process = launch(
                Path.of(System.getProperty("java.home")),
                cds,
                log,
                "--server.port=" + port,
                "--runnel.https.enabled=false",
                "--runnel.storage.type=file",
                "--runnel.storage.dir=" + data);
        try {
            assertThat(awaitListStreams(port, process).statusCode()).isEqualTo(200);
            HttpResponse<String> health = get(port, "/actuator/health");

            assertThat(health.body()).contains("\"store\":\"file\"");
            assertThat(Files.readString(log))
                    .contains("Starting AOT-processed RunnelApplication")
                    .contains("Tomcat started on port " + port + " (http)")
                    .doesNotContain("(https)");
        } finally {
            stop(process);
            deleteRecursively(data);
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the JVM bin/runnel became (SIGTERM, then SIGKILL after 20 s). */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Starts {@code bin/runnel} with the packaged jar, {@code args}, and its output in {@code log}. */
    private static Process launch(Path javaHome, Path cds, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", "bin/runnel"));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("RUNNEL_JAR", packagedJar().toString());
        builder.environment().put("RUNNEL_CDS_DIR", cds.toString());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("JAVA_OPTS", "-Xmx512m");
        return builder.start();
    }

    /** A JDK of at least {@code feature} among the JVMs installed in /usr/lib/jvm (Debian's place for them). */
    private static Optional<Path> installedJdk(int feature) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> featureOf(home) >= feature)
                    .sorted()
                    .findFirst();
        }
    }

    /** The feature release in a JDK's {@code release} file ({@code JAVA_VERSION="25.0.3"}), 0 if none. */
    private static int featureOf(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String version = line.substring("JAVA_VERSION=\"".length());
                    return Integer.parseInt(version.split("[.\"]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static HttpResponse<String> awaitListStreams(int port, Process process) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            assertThat(process.isAlive())
                    .as("bin/runnel is running (see its log in target/)")
                    .isTrue();
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                assertThat(System.nanoTime())
                        .as("started within %s", START_TIMEOUT)
                        .isLessThan(deadline);
                Thread.sleep(250);
            }
        }
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

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
