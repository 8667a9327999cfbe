package dev.runnel.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.file.FileLogOptions;
import dev.runnel.storage.file.FileShardLogStore;
import dev.runnel.storage.file.FileStreamCatalog;
import dev.runnel.storage.file.FsyncPolicy;
import dev.runnel.support.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on the file store, with a fake clock: housekeeping deletes expired segment files from the disk. */
class FileStoreRetentionTest {

    @TempDir
    Path dir;

    @Test
    void housekeepingDeletesTheSegmentFilesWhoseRecordsAllExpired() throws IOException {
        ManualClock clock = new ManualClock();
        Path logsDir = dir.resolve("logs");
        // Segments of at most an hour (the default segment age), ample bytes.
        try (FileShardLogStore logs = new FileShardLogStore(logsDir, FileLogOptions.of(1 << 20, FsyncPolicy.NEVER))) {
            StreamService streams = new StreamService(
                    new FileStreamCatalog(dir.resolve("streams")),
                    logs,
                    clock,
                    RunnelProperties.defaults(),
                    "us-east-1");
            Stream stream = streams.create(CreateStreamCommand.of("kept", 1, 24, null, Map.of()));
            ShardLog log = logs.find(stream.incarnation(), new ShardId(0)).orElseThrow();
            for (int hour = 0; hour < 30; hour++) { // one record an hour: a segment file each
                log.append("k", ("hour " + hour).getBytes(), clock.instant().toEpochMilli());
                clock.advance(Duration.ofHours(1));
            }
            Path shardDir = logsDir.resolve(Long.toString(stream.incarnation())).resolve("0");
            assertThat(segmentFiles(shardDir)).hasSize(30);

            long freed = streams.housekeeping(); // now = hour 30: records of hours 0 to 5 are past 24 h

            assertThat(freed).isPositive();
            assertThat(segmentFiles(shardDir)).hasSize(24).first().isEqualTo(String.format("%020d.log", 6));
            assertThat(log.startPosition()).isEqualTo(6);
            assertThat(log.read(0, 1, Long.MAX_VALUE, Long.MIN_VALUE))
                    .singleElement()
                    .satisfies(
                            r -> assertThat(new String(r.data().toByteArray())).isEqualTo("hour 6"));
        }
    }

    private static List<String> segmentFiles(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".log"))
                    .sorted()
                    .toList();
        }
    }
}
