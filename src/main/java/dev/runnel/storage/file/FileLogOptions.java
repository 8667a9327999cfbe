package dev.runnel.storage.file;

import java.time.Duration;

/**
 * How a {@link FileShardLogStore} writes its logs.
 *
 * @param segmentBytes the bytes of frames (records plus {@value RecordFrame#HEADER_BYTES} bytes each) a segment
 *     file holds before the next one starts; a larger record gets a segment of its own. Retention frees disk in
 *     steps of this size
 * @param segmentAgeMillis a segment whose first record arrived this long before a new record gets no more records:
 *     the record starts the next segment, so retention can free the disk of slow shards too
 * @param fsync when appends are forced to the disk
 * @param fsyncInterval how often written records are forced under {@link FsyncPolicy#INTERVAL}
 * @param maxBytes the bytes of segment files the store may hold; appends past it fail with LimitExceededException
 * @param minFreeBytes appends that would leave less free space on the disk fail with LimitExceededException
 */
public record FileLogOptions(
        long segmentBytes,
        long segmentAgeMillis,
        FsyncPolicy fsync,
        Duration fsyncInterval,
        long maxBytes,
        long minFreeBytes) {

    public FileLogOptions {
        if (segmentBytes < 1 || segmentAgeMillis < 1 || maxBytes < 1 || minFreeBytes < 0) {
            throw new IllegalArgumentException("segment sizes, ages and byte limits must be positive");
        }
        if (fsyncInterval.isNegative() || fsyncInterval.isZero()) {
            throw new IllegalArgumentException("the fsync interval must be positive");
        }
    }

    /** Segments of {@code segmentBytes}, an hour old at most, no byte limit and no free-space floor. */
    public static FileLogOptions of(long segmentBytes, FsyncPolicy fsync) {
        return new FileLogOptions(
                segmentBytes, Duration.ofHours(1).toMillis(), fsync, Duration.ofSeconds(1), Long.MAX_VALUE, 0);
    }
}
