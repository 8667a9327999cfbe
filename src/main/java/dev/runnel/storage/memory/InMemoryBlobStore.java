package dev.runnel.storage.memory;

import dev.runnel.storage.BlobStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link BlobStore} in this process's memory: what it holds lasts as long as the object, so a test may "restart"
 * a service on the same instance. Blobs set aside are kept apart ({@link #setAsideCount}). Thread-safe.
 */
public final class InMemoryBlobStore implements BlobStore {

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> setAside = new ConcurrentHashMap<>();

    @Override
    public Map<String, byte[]> loadAll() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        blobs.forEach((name, bytes) -> copy.put(name, bytes.clone()));
        return copy;
    }

    @Override
    public void put(String name, byte[] bytes) {
        blobs.put(BlobStore.checkName(name), bytes.clone());
    }

    @Override
    public void delete(String name) {
        blobs.remove(BlobStore.checkName(name));
    }

    @Override
    public void setAside(String name) {
        byte[] bytes = blobs.remove(BlobStore.checkName(name));
        if (bytes != null) {
            setAside.put(name + "#" + setAside.size(), bytes);
        }
    }

    /** How many blobs {@link #setAside} moved out of the way. */
    public int setAsideCount() {
        return setAside.size();
    }
}
