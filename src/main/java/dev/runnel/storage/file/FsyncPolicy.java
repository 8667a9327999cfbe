package dev.runnel.storage.file;

/** When a {@link FileShardLogStore} forces appended records to the disk. */
public enum FsyncPolicy {
    /**
     * Every append forces its segment file before it returns, so an acknowledged record survives a power loss.
     * (One fsync per append call and log for now; group commit across logs is a later step.)
     */
    ALWAYS,
    /**
     * Appends return once the operating system holds the bytes (they survive a process crash, not a power loss);
     * a caller forces them by calling {@link FileShardLogStore#flush()} at its interval. For now nothing in the
     * store runs that timer, so on its own this behaves like {@link #NEVER}.
     */
    INTERVAL,
    /**
     * Appends return once the operating system holds the bytes; only {@link FileShardLogStore#flush()} and
     * {@link FileShardLogStore#close()} force them.
     */
    NEVER
}
