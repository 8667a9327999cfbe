package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the README's curl walkthrough, exactly as written but for the port, with bash against a started
 * server, and checks what each step printed. Keeps the README true.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ReadmeWalkthroughIT {

    private static final Pattern BLOCK = Pattern.compile(
            "<!-- walkthrough:start -->\\s*```bash\\n(.*?)```\\s*<!-- walkthrough:end -->", Pattern.DOTALL);

    @LocalServerPort
    int port;

    @Test
    void theReadmeWalkthroughWorksAsWritten() throws IOException, InterruptedException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher matcher = BLOCK.matcher(readme);
        assertThat(matcher.find()).as("README.md has a walkthrough block").isTrue();
        String script = matcher.group(1).replace("localhost:4567", "localhost:" + port);

        Path file = Files.createTempFile("walkthrough", ".sh");
        Files.writeString(file, script);
        Process process = new ProcessBuilder("bash", "-euo", "pipefail", file.toString())
                .redirectErrorStream(true)
                .start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished)
                .as("walkthrough finished within 60 s; output:%n%s", output)
                .isTrue();
        assertThat(process.exitValue()).as("exit status; output:%n%s", output).isZero();

        List<List<String>> pages = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        for (String line : output.split("\n")) {
            if (line.startsWith("{\"records\"")) {
                List<String> payloads = new ArrayList<>();
                for (JsonNode record : json.readTree(line).get("records")) {
                    payloads.add(new String(
                            Base64.getDecoder().decode(record.get("data").asString()), StandardCharsets.UTF_8));
                }
                pages.add(payloads);
            }
        }
        assertThat(pages)
                .as(output)
                .containsExactly(
                        List.of("test1", "test2", "test3", "test4", "test5", "test6"),
                        List.of("test6"),
                        List.of("test6"),
                        List.of("test5", "test6"),
                        List.of(),
                        List.of("test7", "test8", "test9"),
                        List.of("test8", "test9", "test10"));
        assertThat(output).contains("\"status\":\"CREATING\"").contains("\"status\":\"ACTIVE\"");
    }
}
