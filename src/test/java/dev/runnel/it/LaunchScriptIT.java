package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged jar through {@code bin/runnel}, the launcher the README and the container image use: the
 * first start records the class-data archive (its training run keeping its HTTPS certificate beside the archive),
 * and Runnel then answers the AWS protocol with the Serial collector and the archive in use.
 */
class LaunchScriptIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    @Test
    void startsThePackagedJarWithTheArchiveAndSerialGc() throws Exception {
        Path jar = packagedJar();
        Path cds = Path.of("target", "it-cds").toAbsolutePath();
        deleteRecursively(cds);
        int port = freePort();
        Path tls = Path.of("target", "it-launch-tls").toAbsolutePath();
        deleteRecursively(tls);
        ProcessBuilder builder = new ProcessBuilder(
                        "bash",
                        "bin/runnel",
                        "--server.port=" + port,
                        "--runnel.streams.create-delay=0",
                        "--runnel.https.port=0",
                        "--runnel.https.dir=" + tls)
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "it-launch-script.log").toFile());
        builder.environment().put("RUNNEL_JAR", jar.toString());
        builder.environment().put("RUNNEL_CDS_DIR", cds.toString());
        builder.environment().put("JAVA_OPTS", "-Xmx512m");
        Process process = builder.start();
        try {
            HttpResponse<String> answer = awaitListStreams(port, process);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"StreamNames\"");
            assertThat(cds.resolve("runnel.jsa")).isNotEmptyFile();
            assertThat(cds.resolve("tls/runnel.crt"))
                    .as("the training run's throwaway certificate stays in the archive's directory")
                    .isNotEmptyFile();
            assertThat(tls.resolve("runnel.crt"))
                    .as("the real start's certificate")
                    .isNotEmptyFile();
            Path commandLine = Path.of("/proc", Long.toString(process.pid()), "cmdline");
            if (Files.exists(commandLine)) { // Linux: bash has exec'd the JVM under the same pid
                String arguments =
                        Files.readString(commandLine, StandardCharsets.UTF_8).replace('\0', ' ');
                assertThat(arguments)
                        .contains(
                                "-XX:+UseSerialGC",
                                "-XX:SharedArchiveFile=" + cds.resolve("runnel.jsa"),
                                "-Xmx512m",
                                "--server.port=" + port);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
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
                    .as("bin/runnel is running (see target/it-launch-script.log)")
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
