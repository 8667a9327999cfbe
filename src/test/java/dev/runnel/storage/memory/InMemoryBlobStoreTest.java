package dev.runnel.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.storage.BlobStore;
import dev.runnel.storage.BlobStoreContract;
import org.junit.jupiter.api.Test;

class InMemoryBlobStoreTest extends BlobStoreContract {

    @Override
    protected BlobStore newStore() {
        return new InMemoryBlobStore();
    }

    @Override
    protected BlobStore reopen(BlobStore store) {
        return store;
    }

    @Test
    void setAsideBlobsAreCounted() {
        InMemoryBlobStore store = new InMemoryBlobStore();
        store.put("odd", bytes("x"));
        store.setAside("odd");
        store.setAside("odd");
        assertThat(store.setAsideCount()).isEqualTo(1);
    }

    @Test
    void noneKeepsNothingButStillChecksNames() {
        BlobStore.NONE.put("leases", bytes("x"));
        assertThat(BlobStore.NONE.loadAll()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BlobStore.NONE.put("a/b", bytes("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
