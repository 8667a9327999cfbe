package dev.runnel.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.storage.StreamCatalog;
import dev.runnel.storage.StreamCatalogContract;
import org.junit.jupiter.api.Test;

class InMemoryStreamCatalogTest extends StreamCatalogContract {

    @Override
    protected StreamCatalog newCatalog() {
        return new InMemoryStreamCatalog();
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
}
