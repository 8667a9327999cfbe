package dev.runnel.storage;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Small named blobs of bytes, each replaced whole: the storage port for state that a service keeps as a few
 * documents (today the lease store's tables, one blob per table). Knows nothing of what the bytes mean.
 *
 * <p><b>Names</b> are 1 to 255 of {@code [a-zA-Z0-9_.-]} ({@link #checkName}) and case-sensitive: {@code Leases} and
 * {@code leases} are two blobs, on any file system.
 *
 * <p><b>Durability.</b> When {@link #put} or {@link #delete} returns, a durable store has made the change survive a
 * process crash and a power loss; {@link #loadAll} after a restart returns every blob as last put. When either
 * throws, the blob holds its old bytes or the new ones (which is unknown): a caller that keeps its own copy should
 * put what it keeps again.
 *
 * <p><b>Thread-safety.</b> Implementations are thread-safe, but a caller changing one name from several threads
 * orders those changes itself (the lease store holds its region's write lock around them).
 */
public interface BlobStore {

    /** DynamoDB's table-name characters, which are safe in file names except for case (see {@link #checkName}). */
    Pattern NAMES = Pattern.compile("[a-zA-Z0-9_.-]{1,255}");

    /** A store that keeps nothing: for the memory mode, where nothing outlives the process anyway. */
    BlobStore NONE = new BlobStore() {
        @Override
        public Map<String, byte[]> loadAll() {
            return Map.of();
        }

        @Override
        public void put(String name, byte[] bytes) {
            checkName(name);
        }

        @Override
        public void delete(String name) {
            checkName(name);
        }

        @Override
        public void setAside(String name) {
            checkName(name);
        }
    };

    /**
     * Every blob the store holds, by name, each a copy the caller may keep. Read from the device; meant to be called
     * once, at start. A durable store leaves out (logging at ERROR and keeping them aside) files it cannot read, and
     * deletes debris of changes a crash cut short.
     *
     * @throws java.io.UncheckedIOException when the store cannot be listed at all
     */
    Map<String, byte[]> loadAll();

    /**
     * Makes {@code bytes} (copied) the blob's content, creating it if needed; durable when this returns.
     *
     * @throws IllegalArgumentException if the name is not allowed
     * @throws java.io.UncheckedIOException when the change could not be made durable
     */
    void put(String name, byte[] bytes);

    /**
     * Removes the blob, durably; a missing blob is fine.
     *
     * @throws IllegalArgumentException if the name is not allowed
     * @throws java.io.UncheckedIOException when the removal could not be made durable
     */
    void delete(String name);

    /**
     * Moves the blob out of the way for a person to look at: {@link #loadAll} no longer returns it, and a later
     * {@link #put} of the name does not overwrite it. For a blob the caller could not make sense of.
     *
     * @throws java.io.UncheckedIOException when it could not be moved
     */
    void setAside(String name);

    /**
     * @return {@code name}
     * @throws IllegalArgumentException unless it is 1 to 255 of {@code [a-zA-Z0-9_.-]}
     */
    static String checkName(String name) {
        if (name == null || !NAMES.matcher(name).matches()) {
            throw new IllegalArgumentException("not a blob name (1 to 255 of [a-zA-Z0-9_.-]): " + name);
        }
        return name;
    }
}
