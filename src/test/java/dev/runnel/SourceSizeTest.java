package dev.runnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Small classes: no production source file grows past 300 lines (split it by concern instead). */
class SourceSizeTest {

    private static final int MAX_LINES = 300;

    @Test
    void noProductionSourceIsOver300Lines() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(100);
        for (Path source : sources) {
            assertThat(Files.readAllLines(source)).as("lines of %s", source).hasSizeLessThanOrEqualTo(MAX_LINES);
        }
    }
}
