package dev.runnel.storage.file;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.runnel.core.record.StoredRecord;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogCallerClockContract;
import dev.runnel.storage.ShardLogStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class FileShardLogStoreTest extends ShardLogCallerClockContract {

    static final int SEGMENT_BYTES = 4096;

    @TempDir
    Path temp;

    private final List<ShardLogStore> opened = new ArrayList<>();
    private final List<Path> roots = new ArrayList<>();

    @Override
    protected ShardLogStore newStore() {
        return open(temp.resolve("store-" + roots.size()), FsyncPolicy.NEVER);
    }

    private ShardLogStore open(Path root, FsyncPolicy fsync) {
        ShardLogStore store = new FileShardLogStore(root, SEGMENT_BYTES, fsync);
        opened.add(store);
        roots.add(root);
        return store;
    }

    @Override
    protected ShardLogStore reopen(ShardLogStore store) {
        store.flush();
        store.close();
        return open(rootOf(store), FsyncPolicy.NEVER);
    }

    private Path rootOf(ShardLogStore store) {
        return roots.get(opened.indexOf(store));
    }

    @AfterEach
    void closeStores() {
        opened.forEach(ShardLogStore::close);
    }

    // ---- adapter-specific ---------------------------------------------------------------------------------

    @Test
    void aTailCutShortByAFewBytesRecoversToTheLastGoodRecordWithOneWarning() throws IOException {
        ShardLogStore store = newStore();
        List<StoredRecord> before = fill(store.create(1, SHARD_0), 100);
        Path last = lastSegment(store);
        store.close();
        try (RandomAccessFile file = new RandomAccessFile(last.toFile(), "rw")) {
            file.setLength(file.length() - 3);
        }

        List<ILoggingEvent> warnings = captureWarnings();
        ShardLog log = reopenQuietly(store).find(1, SHARD_0).orElseThrow();
        assertRecovered(log, before, 99);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage())
                .contains(last.getFileName().toString(), "incomplete frame", "continues at position 99");
    }

    @Test
    void aFlippedByteInTheLastRecordRecoversToTheRecordBefore() throws IOException {
        ShardLogStore store = newStore();
        List<StoredRecord> before = fill(store.create(1, SHARD_0), 100);
        Path last = lastSegment(store);
        store.close();
        try (RandomAccessFile file = new RandomAccessFile(last.toFile(), "rw")) {
            long at = file.length() - 2; // inside the last record's data
            file.seek(at);
            int b = file.read();
            file.seek(at);
            file.write(b ^ 0x10);
        }

        List<ILoggingEvent> warnings = captureWarnings();
        ShardLog log = reopenQuietly(store).find(1, SHARD_0).orElseThrow();
        assertRecovered(log, before, 99);
        assertThat(warnings)
                .singleElement()
                .satisfies(w -> assertThat(w.getFormattedMessage()).contains("CRC mismatch"));
    }

    @Test
    void garbageAfterTheLastRecordIsCutAndPositionsContinue() throws IOException {
        ShardLogStore store = newStore();
        List<StoredRecord> before = fill(store.create(1, SHARD_0), 100);
        Path last = lastSegment(store);
        store.close();
        Files.write(last, new byte[] {0, 0, 0, 0, 0, 0, 0}, java.nio.file.StandardOpenOption.APPEND);

        ShardLog log = reopenQuietly(store).find(1, SHARD_0).orElseThrow();
        assertRecovered(log, before, 100);
    }

    @Test
    void segmentsRollBySizeAndTrimmingDeletesWholeFiles() throws IOException {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        // 1-byte key + 99 bytes data + 27 bytes header = 127 bytes: 32 frames per 4096-byte segment
        for (int i = 0; i < 200; i++) {
            log.append("k", new byte[99], i);
        }
        Path dir = lastSegment(store).getParent();
        assertThat(segmentNames(dir))
                .containsExactly(name(0), name(32), name(64), name(96), name(128), name(160), name(192));
        assertThat(log.usedBytes()).isEqualTo(200 * 127);

        assertThat(log.trimBefore(63)).as("record 63 keeps the second segment").isEqualTo(32 * 127);
        assertThat(log.startPosition()).isEqualTo(32);
        assertThat(log.trimBefore(100)).isEqualTo(2 * 32 * 127);
        assertThat(log.startPosition()).isEqualTo(96);
        assertThat(segmentNames(dir)).containsExactly(name(96), name(128), name(160), name(192));
        assertThat(log.read(0, 1, Long.MAX_VALUE, 100))
                .extracting(StoredRecord::position)
                .containsExactly(100L);

        assertThat(log.trimBefore(Long.MAX_VALUE)).isEqualTo(104 * 127);
        assertThat(segmentNames(dir))
                .as("an empty newest segment keeps the end")
                .containsExactly(name(200));
        ShardLog again = reopen(store).find(1, SHARD_0).orElseThrow();
        assertThat(again.startPosition()).isEqualTo(200);
        assertThat(again.append("k", bytes("next"), 300).position()).isEqualTo(200);
    }

    @Test
    void aRecordLargerThanASegmentGetsAFileOfItsOwn() throws IOException {
        ShardLogStore store = newStore();
        ShardLog log = store.create(1, SHARD_0);
        log.append("a", new byte[10], 1);
        log.append("b", new byte[10_000], 2);
        log.append("c", new byte[10], 3);
        assertThat(segmentNames(lastSegment(store).getParent())).containsExactly(name(0), name(1), name(2));
        assertThat(reopen(store).find(1, SHARD_0).orElseThrow().read(0, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(r -> r.data().length())
                .containsExactly(10, 10_000, 10);
    }

    @Test
    void reopeningAfterManySegmentsReadsTheSameRecordsAndFindsTheSameTimes() {
        for (FsyncPolicy fsync : FsyncPolicy.values()) {
            ShardLogStore store = open(temp.resolve("many-" + fsync), fsync);
            ShardLog log = store.create(4, SHARD_1);
            Random random = new Random(42);
            long now = 1_000;
            int appends = fsync == FsyncPolicy.ALWAYS ? 150 : 1_000; // one fsync each
            for (int i = 0; i < appends; i++) {
                now += random.nextInt(3);
                if (random.nextInt(10) == 0) {
                    List<ShardLog.Append> batch = new ArrayList<>();
                    for (int j = 0; j < 1 + random.nextInt(20); j++) {
                        batch.add(new ShardLog.Append("b" + j, filled(random.nextInt(500), i + j), j % 2 == 0));
                    }
                    log.appendAll(batch, now);
                } else {
                    log.append("key-" + i, filled(random.nextInt(random.nextInt(8) == 0 ? 6_000 : 300), i), now);
                }
            }
            List<StoredRecord> all = log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE);
            long end = log.endPosition();
            ShardLog again = reopen(store).find(4, SHARD_1).orElseThrow();
            assertThat(again.endPosition()).isEqualTo(end);
            assertThat(again.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE).stream()
                            .map(FileShardLogStoreTest::fields))
                    .containsExactlyElementsOf(
                            all.stream().map(FileShardLogStoreTest::fields).toList());
            for (long t = 990; t <= now + 1; t++) {
                long time = t;
                long expected = all.stream()
                        .filter(r -> r.arrivalMillis() >= time)
                        .findFirst()
                        .map(StoredRecord::position)
                        .orElse(end);
                assertThat(again.positionAtOrAfter(t)).as("%s t=%d", fsync, t).isEqualTo(expected);
            }
            for (int i = 0; i < 200; i++) {
                int from = random.nextInt(all.size());
                assertThat(again.read(from, 1 + random.nextInt(50), 1 + random.nextInt(20_000), Long.MIN_VALUE).stream()
                                .map(FileShardLogStoreTest::fields))
                        .first()
                        .isEqualTo(fields(all.get(from)));
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** What a record holds, comparable by value (its data by content). */
    private static List<Object> fields(StoredRecord r) {
        return List.of(r.position(), r.arrivalMillis(), r.partitionKey(), r.data(), r.encrypted());
    }

    private static List<StoredRecord> fill(ShardLog log, int count) {
        for (int i = 0; i < count; i++) {
            log.append("key-" + i, filled(20 + i * 3, i), 1_000 + i, i % 3 == 0);
        }
        return log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE);
    }

    /**
     * The log holds the first {@code good} records as they were, and goes on after every position it had handed
     * out ({@code before.size()}: the positions of records lost to the damage are not used again).
     */
    private void assertRecovered(ShardLog log, List<StoredRecord> before, int good) {
        int next = before.size();
        assertThat(log.endPosition()).isEqualTo(next);
        assertThat(log.read(0, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE).stream()
                        .map(FileShardLogStoreTest::fields))
                .containsExactlyElementsOf(before.subList(0, good).stream()
                        .map(FileShardLogStoreTest::fields)
                        .toList());
        assertThat(log.append("new", bytes("after recovery"), 5).position()).isEqualTo(next);
        assertThat(log.append("new", bytes("and again"), 5))
                .satisfies(r -> assertThat(r.position()).isEqualTo(next + 1))
                .satisfies(r -> assertThat(r.arrivalMillis()).isEqualTo(1_000 + good - 1));
        assertThat(log.read(good, 10, Long.MAX_VALUE, Long.MIN_VALUE))
                .extracting(r -> new String(r.data().toByteArray()))
                .containsExactly("after recovery", "and again");
    }

    /** The store reopened without the flush that {@link #reopen} does: the files as they are. */
    private ShardLogStore reopenQuietly(ShardLogStore closed) {
        return open(rootOf(closed), FsyncPolicy.NEVER);
    }

    private Path lastSegment(ShardLogStore store) throws IOException {
        Path dir = rootOf(store).resolve("1").resolve("0");
        List<String> names = segmentNames(dir);
        return dir.resolve(names.get(names.size() - 1));
    }

    private static List<String> segmentNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".log"))
                    .sorted()
                    .toList();
        }
    }

    private static String name(long base) {
        return String.format("%020d.log", base);
    }

    private static List<ILoggingEvent> captureWarnings() {
        Logger logger = (Logger) LoggerFactory.getLogger(SegmentRecovery.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return new java.util.AbstractList<>() {
            @Override
            public ILoggingEvent get(int index) {
                return warnings().get(index);
            }

            @Override
            public int size() {
                return warnings().size();
            }

            private List<ILoggingEvent> warnings() {
                return appender.list.stream()
                        .filter(e -> e.getLevel() == Level.WARN)
                        .toList();
            }
        };
    }
}
