package dev.runnel.storage.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.stream.Stream;
import dev.runnel.storage.StreamCatalog;
import dev.runnel.storage.StreamCatalogContract;
import dev.runnel.storage.document.StreamSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaStreamCatalogTest extends StreamCatalogContract {

    private final MetadataTestNodes nodes = new MetadataTestNodes();

    @AfterEach
    void closeNodes() throws Exception {
        nodes.close();
    }

    @Override
    protected StreamCatalog newCatalog() {
        return new KafkaStreamCatalog(nodes.start(TestBroker.uniquePrefix()), "us-east-1");
    }

    @Test
    void aStreamWithEveryFieldRoundTrips() {
        StreamCatalog catalog = newCatalog();
        Stream stream = StreamSamples.everyField();
        assertThat(catalog.add(stream)).isTrue();
        StreamSamples.assertSameStream(catalog.find(stream.name()).orElseThrow(), stream);
        assertThat(catalog.find(stream.name()).orElseThrow())
                .as("decoded once per revision, not on every find")
                .isSameAs(catalog.find(stream.name()).orElseThrow());
        StreamSamples.assertSameStream(catalog.all().get(0), stream);
    }

    @Test
    void anotherNodeSeesAChangeAtOnceAndRacesFairly() {
        String prefix = TestBroker.uniquePrefix();
        StreamCatalog a = new KafkaStreamCatalog(nodes.start(prefix), "us-east-1");
        StreamCatalog b = new KafkaStreamCatalog(nodes.start(prefix), "us-east-1");
        StreamCatalog otherRegion = new KafkaStreamCatalog(nodes.start(prefix), "eu-west-1");

        Stream created = stream("shared", 7);
        assertThat(a.add(created)).isTrue();
        Stream seen = b.find(created.name()).orElseThrow();
        assertThat(seen.incarnation()).isEqualTo(7);
        assertThat(b.add(stream("shared", 8)))
                .as("the name is taken on every node")
                .isFalse();
        assertThat(otherRegion.find(created.name())).as("regions keep apart").isEmpty();

        // Both nodes hold version 1; the first replace wins, the second (from the other node) is refused.
        assertThat(b.replace(seen, seen.with(c -> c.retentionHours = 48))).isTrue();
        assertThat(a.replace(created, created.with(c -> c.retentionHours = 72))).isFalse();
        assertThat(a.find(created.name()).orElseThrow().retentionHours()).isEqualTo(48);
        assertThat(a.list(null, 10)).extracting(s -> s.name().value()).containsExactly("shared");
    }

    @Test
    void anUnreadableDocumentReadsAsNoStreamAndCanBeOverwritten() {
        String prefix = TestBroker.uniquePrefix();
        MetadataLog log = nodes.start(prefix);
        StreamCatalog catalog = new KafkaStreamCatalog(log, "r");
        assertThat(log.propose("stream/r/broken", MetadataLog.ABSENT, "{not json".getBytes())
                        .accepted())
                .isTrue();
        assertThat(catalog.find(dev.runnel.core.stream.StreamName.of("broken"))).isEmpty();
        assertThat(catalog.all()).isEmpty();
        assertThat(catalog.add(stream("broken", 1))).isTrue();
        assertThat(catalog.find(dev.runnel.core.stream.StreamName.of("broken"))).isPresent();
    }
}
