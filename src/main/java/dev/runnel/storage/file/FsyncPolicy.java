package dev.runnel.storage.file;

/** When a {@link FileShardLogStore} forces appended records to the disk. */
public enum FsyncPolicy {
    /**
     * Every append forces its segment file before it returns (and before readers see it), so an acknowledged record
     * survives a power loss. Concurrent appends to one log share a force (group commit); an {@code appendAll} is one
     * force however many records it holds.
     */
    ALWAYS,
    /**
     * Appends return once the operating system holds the bytes (they survive a process crash, not a power loss);
     * the store forces what was written at its interval, so a power loss takes at most that interval's appends.
     */
    INTERVAL,
    /**
     * Appends return once the operating system holds the bytes; only {@link FileShardLogStore#flush()} and
     * {@link FileShardLogStore#close()} force them (the OS writes them back on its own schedule, typically within
     * 30 seconds).
     */
    NEVER
}
