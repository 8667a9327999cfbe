package dev.runnel.storage.file;

import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.ShardLogStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class FileShardLogStoreTest extends ShardLogStoreContract {

    static final int SEGMENT_BYTES = 4096;

    @TempDir
    Path temp;

    private final List<ShardLogStore> opened = new ArrayList<>();
    private int stores;

    @Override
    protected ShardLogStore newStore() {
        return open(temp.resolve("store-" + stores++));
    }

    private ShardLogStore open(Path dir) {
        ShardLogStore store = new FileShardLogStore(dir, SEGMENT_BYTES, FsyncPolicy.NEVER);
        opened.add(store);
        return store;
    }

    @Override
    protected ShardLogStore reopen(ShardLogStore store) {
        store.flush();
        store.close();
        return open(rootOf(store));
    }

    private Path rootOf(ShardLogStore store) {
        return temp.resolve("store-" + opened.indexOf(store));
    }

    @AfterEach
    void closeStores() {
        opened.forEach(ShardLogStore::close);
    }
}
