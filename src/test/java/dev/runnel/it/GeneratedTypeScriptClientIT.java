package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The blog post's session through the TypeScript client that the build generates from docs/openapi.json
 * (OpenAPI Generator's typescript-fetch): src/test/typescript/seed-session.ts is compiled with it by the
 * TypeScript compiler and run by Node.js against this server. It needs {@code node} and
 * {@code npm ci --prefix src/test/typescript}; without them it is skipped, unless RUNNEL_REQUIRE_NODE=true (as in
 * CI, where .ci/run installs them), when it fails.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"runnel.limits.enabled=false", "runnel.streams.create-delay=200ms"})
@DirtiesContext
class GeneratedTypeScriptClientIT {

    private static final Path SOURCES = Path.of("src/test/typescript");
    private static final Path CLIENT = Path.of("target/generated-test-sources/openapi-typescript");
    private static final Path TSC = SOURCES.resolve("node_modules/typescript/bin/tsc");
    private static final Path WORK = Path.of("target/typescript-client-it");

    @LocalServerPort
    int port;

    @Test
    void replaysTheSeedSessionThroughTheGeneratedTypeScriptClient() throws Exception {
        requireNode();
        prepareWorkDirectory();
        run(
                List.of(
                        "node",
                        TSC.toAbsolutePath().toString(),
                        "-p",
                        WORK.toAbsolutePath().toString()),
                180);
        String output = run(
                List.of(
                        "node",
                        WORK.resolve("out/seed-session.js").toAbsolutePath().toString(),
                        "http://localhost:" + port),
                60);
        String[] lines = output.strip().split("\n");
        JsonNode result = JsonMapper.builder().build().readTree(lines[lines.length - 1]);

        JsonNode seen = result.get("seen");
        assertThat(texts(seen.get("TRIM_HORIZON")))
                .containsExactly("test1", "test2", "test3", "test4", "test5", "test6");
        assertThat(texts(seen.get("AT_SEQUENCE_NUMBER"))).containsExactly("test6");
        assertThat(texts(seen.get("AFTER_SEQUENCE_NUMBER"))).containsExactly("test5", "test6");
        assertThat(texts(seen.get("LATEST_BEFORE"))).isEmpty();
        assertThat(texts(seen.get("LATEST"))).containsExactly("test7");
        assertThat(texts(seen.get("AT_TIMESTAMP"))).containsExactly("test8", "test9");
        assertThat(result.get("errorType").asString()).isEqualTo("ResourceNotFoundException");
    }

    private static void requireNode() {
        boolean present = Files.isRegularFile(TSC) && Files.isDirectory(CLIENT) && onPath("node");
        if (!present && "true".equals(System.getenv("RUNNEL_REQUIRE_NODE"))) {
            throw new AssertionError("Node.js and the TypeScript compiler are required (RUNNEL_REQUIRE_NODE=true): "
                    + "install nodejs and npm, then run npm ci --prefix src/test/typescript");
        }
        Assumptions.assumeTrue(present, "Skipped: needs node on the PATH and npm ci --prefix src/test/typescript");
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null
                && Stream.of(path.split(java.io.File.pathSeparator))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static void prepareWorkDirectory() throws IOException {
        if (Files.exists(WORK)) {
            try (Stream<Path> old = Files.walk(WORK)) {
                old.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(WORK);
        try (Stream<Path> files = Files.walk(CLIENT)) {
            for (Path file : (Iterable<Path>)
                    files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".ts"))::iterator) {
                Path target =
                        WORK.resolve("client").resolve(CLIENT.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(SOURCES.resolve("seed-session.ts"), WORK.resolve("seed-session.ts"));
        Files.copy(SOURCES.resolve("tsconfig.json"), WORK.resolve("tsconfig.json"));
    }

    /** Runs a command to its end within {@code seconds}; returns its standard output, fails on a non-zero exit. */
    private static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile(WORK, "process", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + seconds + " s:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        assertThat(process.exitValue())
                .as("%s exited with:\n%s", command, output)
                .isZero();
        return output;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }
}
