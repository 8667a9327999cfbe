package dev.runnel.storage.file;

import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The process {@link FileStreamCatalogTest} kills with SIGKILL: it changes streams in a catalog without end and
 * prints {@code <name> <version>} once each change has returned true.
 */
public final class CatalogCrashChild {

    static final int STREAMS = 5;

    private CatalogCrashChild() {}

    /** The retention each version carries, so that a loaded stream shows whether its document is whole. */
    static int retentionOf(long version) {
        return 24 + (int) (version % 1000);
    }

    public static void main(String[] args) throws Exception {
        FileStreamCatalog catalog = new FileStreamCatalog(Path.of(args[0]));
        for (int k = 0; k < STREAMS; k++) {
            Stream stream = Stream.create(
                    StreamName.of("s" + k),
                    k,
                    StreamMode.PROVISIONED,
                    1 + k,
                    retentionOf(1),
                    1024,
                    Map.of("k", "v".repeat(k * 100)),
                    Instant.parse("2025-01-01T00:00:00Z"),
                    Duration.ZERO);
            catalog.add(stream);
            System.out.println(stream.name() + " " + stream.version());
        }
        for (long i = 0; ; i++) {
            Stream current = catalog.find(StreamName.of("s" + (i % STREAMS))).orElseThrow();
            Stream next = current.with(c -> c.retentionHours = retentionOf(current.version() + 1));
            if (!catalog.replace(current, next)) {
                throw new IllegalStateException("lost a compare-and-set with no rival");
            }
            System.out.println(next.name() + " " + next.version());
            System.out.flush();
        }
    }
}
