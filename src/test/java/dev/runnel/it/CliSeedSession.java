package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Replays the seed blog post's CLI session with the real AWS CLI v2: {@code src/test/cli/seed-session.sh} types it
 * against an endpoint and checks every answer itself. Without {@code /usr/bin/aws} the calling test is skipped,
 * except on CI (env {@code CI} set), where it fails: CI installs the CLI, so a missing one is a broken machine.
 */
final class CliSeedSession {

    private static final Path AWS_CLI = Path.of("/usr/bin/aws");
    private static final Path SCRIPT = Path.of("src/test/cli/seed-session.sh");
    private static final long TIMEOUT_SECONDS = 180;
    private static final Pattern PASSED = Pattern.compile("(?m)^seed session: (\\d+) checks passed$");

    private CliSeedSession() {}

    /**
     * Runs the session against {@code endpoint} on a stream of that name and requires it to pass.
     *
     * @return how many checks it made
     */
    static int run(URI endpoint, String stream) throws IOException, InterruptedException {
        requireAwsCliV2();
        assertThat(SCRIPT).as("the seed session script").isRegularFile();
        Path log = Files.createTempFile("seed-session", ".log");
        try {
            Process process = new ProcessBuilder("bash", SCRIPT.toString(), endpoint.toString(), stream)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(finished)
                    .as("the session finished within %d s; output:%n%s", TIMEOUT_SECONDS, output)
                    .isTrue();
            assertThat(process.exitValue())
                    .as("exit status of the session; output:%n%s", output)
                    .isZero();
            Matcher passed = PASSED.matcher(output);
            assertThat(passed.find())
                    .as("the session reports its checks; output:%n%s", output)
                    .isTrue();
            return Integer.parseInt(passed.group(1));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Skips (locally) or fails (on CI) without a working AWS CLI v2 at /usr/bin/aws. */
    private static void requireAwsCliV2() throws IOException, InterruptedException {
        String problem = null;
        if (!Files.isExecutable(AWS_CLI)) {
            problem = AWS_CLI + " is missing: install the AWS CLI v2 (Debian: apt-get install awscli)";
        } else {
            Process version = new ProcessBuilder(AWS_CLI.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            boolean done = version.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                version.destroyForcibly();
            }
            String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!done || !text.startsWith("aws-cli/2.")) {
                problem = AWS_CLI + " is not a working AWS CLI v2 (aws --version said: '" + text + "')";
            }
        }
        if (problem == null) {
            return;
        }
        if (System.getenv("CI") != null) {
            fail("CI must be able to replay the seed session: " + problem);
        }
        Assumptions.abort("Seed session with the AWS CLI skipped: " + problem);
    }
}
