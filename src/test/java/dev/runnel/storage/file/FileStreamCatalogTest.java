package dev.runnel.storage.file;

import static dev.runnel.storage.document.StreamSamples.assertSameStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InternalFailureException;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.storage.StreamCatalog;
import dev.runnel.storage.StreamCatalogContract;
import dev.runnel.storage.document.StreamJson;
import dev.runnel.storage.document.StreamSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStreamCatalogTest extends StreamCatalogContract {

    @TempDir
    Path root;

    private int catalogs;

    @Override
    protected StreamCatalog newCatalog() {
        try {
            return new FileStreamCatalog(root.resolve("catalog-" + catalogs++));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path dir() {
        return root.resolve("catalog");
    }

    private FileStreamCatalog open() throws IOException {
        return new FileStreamCatalog(dir());
    }

    private List<String> files() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertSameStreams(StreamCatalog actual, StreamCatalog expected) {
        List<Stream> actualStreams = actual.all();
        List<Stream> expectedStreams = expected.all();
        assertThat(actualStreams)
                .extracting(Stream::name)
                .containsExactlyElementsOf(
                        expectedStreams.stream().map(Stream::name).toList());
        for (int i = 0; i < expectedStreams.size(); i++) {
            assertSameStream(actualStreams.get(i), expectedStreams.get(i));
        }
    }

    @Test
    void replaceComparesByIdentity() {
        StreamCatalog catalog = newCatalog();
        Stream stored = stream("s", 1);
        catalog.add(stored);
        Stream lookalike = stream("s", 1);
        assertThat(catalog.replace(lookalike, lookalike.with(c -> c.retentionHours = 48)))
                .isFalse();
        assertThat(catalog.remove(lookalike)).isFalse();
        assertThat(catalog.find(StreamName.of("s")).orElseThrow()).isSameAs(stored);
    }

    @Test
    void refusesToRenameAndToListWithoutALimit() {
        StreamCatalog catalog = newCatalog();
        Stream stored = stream("s", 1);
        catalog.add(stored);
        assertThatThrownBy(() -> catalog.replace(stored, stream("t", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> catalog.list(null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReopenedCatalogHoldsExactlyWhatWasStored() throws IOException {
        FileStreamCatalog catalog = open();
        Stream full = StreamSamples.everyField();
        assertThat(catalog.add(full)).isTrue();
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            catalog.add(StreamSamples.random(random));
        }
        Stream plain = stream("plain", 3);
        catalog.add(plain);
        Stream replaced = plain.with(c -> c.retentionHours = 96).with(c -> c.encryptionKeyId = "k");
        assertThat(catalog.replace(plain, replaced)).isTrue();
        Stream doomed = stream("doomed", 4);
        catalog.add(doomed);
        assertThat(catalog.remove(doomed)).isTrue();

        FileStreamCatalog reopened = open();
        assertSameStreams(reopened, catalog);
        assertThat(reopened.find(StreamName.of("plain")).orElseThrow().version())
                .isEqualTo(3);
        assertThat(reopened.find(StreamName.of("doomed"))).isEmpty();
        assertSameStream(reopened.find(full.name()).orElseThrow(), full);
        assertThat(files()).doesNotContain("doomed.json").allMatch(name -> name.endsWith(".json"));

        // The reopened catalog carries on from what it loaded.
        Stream loaded = reopened.find(StreamName.of("plain")).orElseThrow();
        assertThat(reopened.replace(loaded, loaded.with(c -> c.retentionHours = 120)))
                .isTrue();
        assertThat(open().find(StreamName.of("plain")).orElseThrow().retentionHours())
                .isEqualTo(120);
    }

    @Test
    void everyNameHasItsOwnFileInsideTheDirectory() throws IOException {
        FileStreamCatalog catalog = open();
        List<String> names = List.of(
                ".", "..", "...", "a", "A", "orders", "Orders", "ORDERS", "-", "_", "x".repeat(128), "X".repeat(128));
        long incarnation = 1;
        for (String name : names) {
            assertThat(catalog.add(stream(name, incarnation++))).as(name).isTrue();
        }
        List<String> expected = names.stream()
                .map(name -> StreamFileNames.fileName(StreamName.of(name)))
                .sorted()
                .toList();
        assertThat(files()).containsExactlyElementsOf(expected);
        assertThat(expected.stream()
                        .map(name -> name.toLowerCase(java.util.Locale.ROOT))
                        .distinct())
                .as("distinct under case folding")
                .hasSize(names.size());
        assertThat(StreamFileNames.fileName(StreamName.of(".."))).isEqualTo("...json");
        assertThat(StreamFileNames.fileName(StreamName.of("MyStream"))).isEqualTo("MyStream~5.json");
        assertThat(StreamFileNames.fileName(StreamName.of("X".repeat(128))) + ".tmp")
                .hasSizeLessThan(255);
        assertThat(open().all()).extracting(s -> s.name().value()).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void aLeftoverTmpFileIsDeletedAtStart() throws IOException {
        FileStreamCatalog catalog = open();
        Stream stored = stream("orders", 1);
        catalog.add(stored);
        Files.writeString(dir().resolve("orders.json.tmp"), "{\"format\":1, half a docu");
        Files.writeString(dir().resolve("other.json.tmp"), "");

        FileStreamCatalog reopened = open();
        assertThat(files()).containsExactly("orders.json");
        assertSameStream(reopened.find(StreamName.of("orders")).orElseThrow(), stored);
        assertThat(reopened.all()).hasSize(1);
    }

    @Test
    void anUnreadableFileIsMovedAsideAndTheRestLoad() throws IOException {
        FileStreamCatalog catalog = open();
        Stream good = stream("good", 1);
        catalog.add(good);
        catalog.add(stream("moved", 2));
        Files.move(dir().resolve("moved.json"), dir().resolve("renamed.json"));
        Files.writeString(dir().resolve("bad.json"), "{\"format\":1,\"name\":");
        Files.writeString(dir().resolve("future.json"), "{\"format\":2}");
        Files.writeString(dir().resolve("notes.txt"), "not ours");

        FileStreamCatalog reopened = open();
        assertThat(reopened.all()).extracting(s -> s.name().value()).containsExactly("good");
        assertSameStream(reopened.find(StreamName.of("good")).orElseThrow(), good);
        assertThat(files())
                .containsExactly(
                        "bad.json.corrupt", "future.json.corrupt", "good.json", "notes.txt", "renamed.json.corrupt");
        assertThat(Files.readString(dir().resolve("bad.json.corrupt"))).isEqualTo("{\"format\":1,\"name\":");

        Files.writeString(dir().resolve("bad.json"), "again");
        open();
        assertThat(files()).contains("bad.json.corrupt", "bad.json.corrupt.1").doesNotContain("bad.json");
        assertThat(Files.readString(dir().resolve("bad.json.corrupt.1"))).isEqualTo("again");
    }

    @Test
    void aMissingDirectoryIsCreatedAndAFileInItsPlaceRefused() throws IOException {
        Path nested = root.resolve("a/b/c");
        assertThat(new FileStreamCatalog(nested).all()).isEmpty();
        assertThat(nested).isDirectory();
        Path file = Files.writeString(root.resolve("file"), "x");
        assertThatThrownBy(() -> new FileStreamCatalog(file)).isInstanceOf(IOException.class);
    }

    /** Fails the n-th file-system step (counting from 0) once, or every step from it on. */
    private static final class FailingFileSystem implements CatalogFileSystem {
        private final AtomicInteger steps = new AtomicInteger();
        private volatile int failAt = Integer.MAX_VALUE;
        private volatile boolean failFromThenOn;

        void failAt(int step, boolean fromThenOn) {
            steps.set(0);
            failAt = step;
            failFromThenOn = fromThenOn;
        }

        private void step(String what) throws IOException {
            int n = steps.getAndIncrement();
            if (n == failAt || (failFromThenOn && n > failAt)) {
                throw new IOException("injected failure of step " + n + " (" + what + ")");
            }
        }

        @Override
        public void writeForced(Path file, byte[] bytes) throws IOException {
            step("write");
            DURABLE.writeForced(file, bytes);
        }

        @Override
        public void moveAtomically(Path source, Path target) throws IOException {
            step("move");
            DURABLE.moveAtomically(source, target);
        }

        @Override
        public void delete(Path file) throws IOException {
            step("delete");
            DURABLE.delete(file);
        }

        @Override
        public void forceDirectory(Path dir) throws IOException {
            step("force directory");
            DURABLE.forceDirectory(dir);
        }
    }

    private interface Change {
        boolean apply(FileStreamCatalog catalog, Stream current);
    }

    /**
     * Each change fails at each of its steps in turn: it throws InternalFailureException, the catalog still holds what
     * it held, the files say the same, and the change then succeeds.
     */
    @Test
    void aFailedChangeLeavesTheCatalogAndItsFilesUnchanged() throws IOException {
        List<Change> changes = List.of(
                (catalog, current) -> catalog.add(stream("new", 9)),
                (catalog, current) -> catalog.replace(current, current.with(c -> c.retentionHours += 1)),
                (catalog, current) -> catalog.remove(current));
        int[] steps = {3, 3, 2};
        for (boolean fromThenOn : new boolean[] {false, true}) {
            for (int change = 0; change < changes.size(); change++) {
                for (int step = 0; step < steps[change]; step++) {
                    String what = "change " + change + ", failing step " + step + (fromThenOn ? " and on" : "");
                    deleteCatalog();
                    FailingFileSystem fileSystem = new FailingFileSystem();
                    FileStreamCatalog catalog = new FileStreamCatalog(dir(), fileSystem);
                    Stream current = StreamSamples.everyField();
                    catalog.add(current);
                    List<String> filesBefore = files();

                    fileSystem.failAt(step, fromThenOn);
                    Change failing = changes.get(change);
                    assertThatThrownBy(() -> failing.apply(catalog, current))
                            .as(what)
                            .isInstanceOf(InternalFailureException.class)
                            .hasMessageContaining("could not")
                            .hasMessageContaining("injected failure");
                    assertThat(catalog.all()).as(what).hasSize(1);
                    assertThat(catalog.find(current.name()).orElseThrow())
                            .as(what)
                            .isSameAs(current);
                    if (!fromThenOn) {
                        assertThat(files()).as(what).isEqualTo(filesBefore);
                        assertSameStreams(open(), catalog);
                    }

                    fileSystem.failAt(Integer.MAX_VALUE, false);
                    assertThat(changes.get(change).apply(catalog, current))
                            .as(what)
                            .isTrue();
                    assertSameStreams(open(), catalog);
                }
            }
        }
    }

    private void deleteCatalog() throws IOException {
        if (Files.exists(dir())) {
            for (String file : files()) {
                Files.delete(dir().resolve(file));
            }
            Files.delete(dir());
        }
    }

    @Test
    void concurrentCompareAndSetLosesNoUpdate() throws Exception {
        FileStreamCatalog catalog = open();
        StreamName name = StreamName.of("counter");
        catalog.add(stream("counter", 1));
        catalog.add(stream("other", 2));
        int threads = 4;
        int updatesEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < updatesEach; i++) {
                        while (true) {
                            Stream current = catalog.find(name).orElseThrow();
                            Instant at = Instant.ofEpochSecond(thread, i);
                            Stream next = current.with(c -> c.shardCountUpdates = append(c.shardCountUpdates, at));
                            if (catalog.replace(current, next)) {
                                break;
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Stream last = catalog.find(name).orElseThrow();
        assertThat(last.version()).isEqualTo(1 + threads * updatesEach);
        assertThat(last.shardCountUpdates()).hasSize(threads * updatesEach).doesNotHaveDuplicates();
        assertSameStreams(open(), catalog);
        assertThat(files()).containsExactly("counter.json", "other.json");
    }

    private static List<Instant> append(List<Instant> list, Instant instant) {
        List<Instant> longer = new ArrayList<>(list);
        longer.add(instant);
        return longer;
    }

    /**
     * A process changing streams is killed with SIGKILL at a random moment, twice over: every file still
     * holds a whole stream, and each stream is at the last version acknowledged or the one in flight after it.
     */
    @Test
    void aProcessKilledMidChangeLeavesWholeStreamsAtTheAcknowledgedVersion() throws Exception {
        Random random = new Random();
        Map<String, Long> acknowledged = new java.util.HashMap<>();
        for (int round = 0; round < 2; round++) {
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            CatalogCrashChild.class.getName(),
                            dir().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            int acks = 20 + random.nextInt(300);
            java.io.InputStream out = child.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int read = 0; read < acks; ) {
                int c = out.read();
                assertThat(c).as("child output, round %d", round).isNotNegative();
                if (c == '\n') {
                    acknowledge(acknowledged, line);
                    read++;
                } else {
                    line.append((char) c);
                }
            }
            child.toHandle().destroyForcibly(); // SIGKILL; Process.destroyForcibly would close the pipe too
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // What the child printed before it died counts too; only whole lines, a cut one may be a wrong number.
            for (int c = out.read(); c >= 0; c = out.read()) {
                if (c == '\n') {
                    acknowledge(acknowledged, line);
                } else {
                    line.append((char) c);
                }
            }
            out.close();
            FileStreamCatalog reopened = open();
            assertThat(files()).allMatch(name -> name.endsWith(".json"));
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                Stream loaded = reopened.find(StreamName.of(ack.getKey())).orElseThrow();
                assertThat(loaded.version()).as(ack.getKey()).isBetween(ack.getValue(), ack.getValue() + 1);
                assertThat(loaded.retentionHours()).isEqualTo(CatalogCrashChild.retentionOf(loaded.version()));
                acknowledged.put(ack.getKey(), loaded.version());
            }
        }
    }

    private static void acknowledge(Map<String, Long> acknowledged, StringBuilder line) {
        String[] ack = line.toString().split(" ");
        acknowledged.merge(ack[0], Long.parseLong(ack[1]), Math::max);
        line.setLength(0);
    }

    @Test
    void theFileIsTheStreamDocument() throws Exception {
        FileStreamCatalog catalog = open();
        Stream stored = StreamSamples.everyField();
        catalog.add(stored);
        byte[] file = Files.readAllBytes(dir().resolve("Orders.v2~1.json"));
        assertThat(file).isEqualTo(StreamJson.write(stored));
        assertThat(new String(file, StandardCharsets.UTF_8)).contains("\"format\" : 1");
    }
}
