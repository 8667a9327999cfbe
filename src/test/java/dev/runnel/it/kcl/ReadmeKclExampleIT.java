package dev.runnel.it.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's KCL 3 application compiles, as written, against KCL 3.5.1 and the AWS SDK the build uses (the KCL
 * ITs run the same configuration in {@link KclWorker}). Uses the test classpath Maven writes before the ITs.
 */
class ReadmeKclExampleIT {

    private static final String START = "A complete KCL 3 application";

    @Test
    void theReadmesKclApplicationCompiles(@TempDir Path work) throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int from = readme.indexOf("```java", readme.indexOf(START)) + "```java".length();
        String source = readme.substring(from, readme.indexOf("```", from)).strip();
        assertThat(source).contains("public class OrdersApp").contains("new Scheduler(");
        Path file = work.resolve("OrdersApp.java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        String classpath =
                Files.readString(Path.of("target", "kcl", "test-classpath.txt")).strip();

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter output = new StringWriter();
        boolean compiled = javac.getTask(
                        output,
                        null,
                        null,
                        List.of("-classpath", classpath, "-d", work.toString(), "-proc:none"),
                        null,
                        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                                .getJavaFileObjects(file.toFile()))
                .call();
        assertThat(compiled).as("javac says:%n%s", output).isTrue();
        assertThat(work.resolve("OrdersApp.class")).exists();
    }
}
