package dev.runnel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link StreamCatalog} adapter must have. */
public abstract class StreamCatalogContract {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    /** A fresh, empty catalog. */
    protected abstract StreamCatalog newCatalog();

    protected static Stream stream(String name, long incarnation) {
        return Stream.create(
                StreamName.of(name), incarnation, StreamMode.PROVISIONED, 1, 24, 1024, Map.of(), NOW, Duration.ZERO);
    }

    @Test
    void addStoresAStreamOnceUnderItsName() {
        StreamCatalog catalog = newCatalog();
        Stream first = stream("orders", 1);
        assertThat(catalog.add(first)).isTrue();
        assertThat(catalog.find(StreamName.of("orders"))).hasValueSatisfying(s -> {
            assertThat(s.incarnation()).isEqualTo(1);
            assertThat(s.version()).isEqualTo(1);
        });
        assertThat(catalog.add(stream("orders", 2))).isFalse();
        assertThat(catalog.find(StreamName.of("orders")).orElseThrow().incarnation())
                .isEqualTo(1);
        assertThat(catalog.find(StreamName.of("other"))).isEmpty();
    }

    @Test
    void replaceSucceedsOnlyAgainstTheCurrentVersion() {
        StreamCatalog catalog = newCatalog();
        catalog.add(stream("s", 1));
        Stream v1 = catalog.find(StreamName.of("s")).orElseThrow();
        Stream v2 = v1.with(c -> c.retentionHours = 48);
        assertThat(catalog.replace(v1, v2)).isTrue();
        Stream stored = catalog.find(StreamName.of("s")).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.retentionHours()).isEqualTo(48);

        // A writer still holding v1 loses.
        assertThat(catalog.replace(v1, v1.with(c -> c.retentionHours = 72))).isFalse();
        assertThat(catalog.find(StreamName.of("s")).orElseThrow().retentionHours())
                .isEqualTo(48);

        Stream v3 = stored.with(c -> c.tags = Map.of("team", "a"));
        assertThat(catalog.replace(stored, v3)).isTrue();
        assertThat(catalog.find(StreamName.of("s")).orElseThrow().tags()).containsEntry("team", "a");
    }

    @Test
    void replaceFailsForAnotherIncarnationOrAMissingStream() {
        StreamCatalog catalog = newCatalog();
        catalog.add(stream("s", 1));
        Stream other = stream("s", 2);
        assertThat(catalog.replace(other, other.with(c -> c.retentionHours = 48)))
                .isFalse();
        assertThat(catalog.find(StreamName.of("s")).orElseThrow().incarnation()).isEqualTo(1);
        Stream missing = stream("missing", 3);
        assertThat(catalog.replace(missing, missing.with(c -> c.retentionHours = 48)))
                .isFalse();
        assertThat(catalog.find(StreamName.of("missing"))).isEmpty();
    }

    @Test
    void removeSucceedsOnlyAgainstTheCurrentVersion() {
        StreamCatalog catalog = newCatalog();
        catalog.add(stream("s", 1));
        Stream v1 = catalog.find(StreamName.of("s")).orElseThrow();
        Stream v2 = v1.deleting(NOW, Duration.ZERO);
        assertThat(catalog.replace(v1, v2)).isTrue();
        assertThat(catalog.remove(v1)).isFalse();
        assertThat(catalog.find(StreamName.of("s"))).isPresent();
        Stream current = catalog.find(StreamName.of("s")).orElseThrow();
        assertThat(catalog.remove(current)).isTrue();
        assertThat(catalog.find(StreamName.of("s"))).isEmpty();
        assertThat(catalog.remove(current)).isFalse();
        assertThat(catalog.add(stream("s", 2))).as("the name is free again").isTrue();
        assertThat(catalog.find(StreamName.of("s")).orElseThrow().incarnation()).isEqualTo(2);
    }

    @Test
    void listPagesInNameOrder() {
        StreamCatalog catalog = newCatalog();
        List<String> names =
                List.of("b", "a", "B", "A", "a-1", "a.1", "a_1", "0", "z", "stream-10", "stream-9", "stream-1");
        long incarnation = 1;
        for (String name : names) {
            catalog.add(stream(name, incarnation++));
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);

        assertThat(catalog.list(null, 100)).extracting(s -> s.name().value()).containsExactlyElementsOf(sorted);
        assertThat(catalog.all()).extracting(s -> s.name().value()).containsExactlyElementsOf(sorted);

        for (int pageSize = 1; pageSize <= 5; pageSize++) {
            List<String> collected = new ArrayList<>();
            StreamName after = null;
            int pages = 0;
            while (true) {
                List<Stream> page = catalog.list(after, pageSize);
                assertThat(page.size()).isLessThanOrEqualTo(pageSize);
                if (page.isEmpty()) {
                    break;
                }
                page.forEach(s -> collected.add(s.name().value()));
                after = page.get(page.size() - 1).name();
                pages++;
                assertThat(pages).isLessThanOrEqualTo(names.size());
            }
            assertThat(collected).as("page size %d", pageSize).containsExactlyElementsOf(sorted);
        }

        assertThat(catalog.list(StreamName.of("a"), 2))
                .extracting(s -> s.name().value())
                .containsExactly("a-1", "a.1");
        assertThat(catalog.list(StreamName.of("aa"), 100))
                .extracting(s -> s.name().value())
                .containsExactly("b", "stream-1", "stream-10", "stream-9", "z");
        assertThat(catalog.list(StreamName.of("z"), 10)).isEmpty();
    }

    @Test
    void allIsASnapshot() {
        StreamCatalog catalog = newCatalog();
        catalog.add(stream("a", 1));
        List<Stream> snapshot = catalog.all();
        catalog.add(stream("b", 2));
        catalog.remove(catalog.find(StreamName.of("a")).orElseThrow());
        assertThat(snapshot).extracting(s -> s.name().value()).containsExactly("a");
        assertThat(catalog.all()).extracting(s -> s.name().value()).containsExactly("b");
    }

    @Test
    void anEmptyCatalogListsNothing() {
        StreamCatalog catalog = newCatalog();
        assertThat(catalog.list(null, 10)).isEmpty();
        assertThat(catalog.all()).isEmpty();
    }
}
