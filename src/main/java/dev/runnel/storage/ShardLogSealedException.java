package dev.runnel.storage;

/**
 * An append reached a shard log that was sealed because its shard closed (split or merged). The record was
 * not stored; the caller routes it again with the stream's new shards.
 */
public final class ShardLogSealedException extends RuntimeException {

    public ShardLogSealedException() {
        super("the shard's log is sealed", null, false, false);
    }
}
