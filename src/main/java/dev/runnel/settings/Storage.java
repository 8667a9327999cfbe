package dev.runnel.settings;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where records and stream metadata live, under {@code runnel.storage.*}: in this process's heap (the default), or
 * in files under a data directory that survive restarts and crashes. The heap budgets that are not given are shares
 * of the maximum heap, and all of them together must fit in the heap as {@link HeapPlan} says.
 *
 * @param type {@code memory} (the default), {@code file} or {@code kafka}
 * @param maxBytes the memory store: its budget, empty for a quarter of the maximum heap. The file store: the bytes of
 *     segment files it may hold, empty for no limit but the disk's ({@code minFreeSpace})
 * @param maxReadBytes the record bytes (data plus partition keys) that reads in flight may hold at once: GetRecords
 *     pages, the console's pages and SubscribeToShard events; empty means {@link HeapPlan#defaultInFlightBytes}
 * @param segmentSize the memory store: payload bytes per storage segment, the unit in which retention frees memory
 * @param segmentRecords the memory store: records per storage segment
 * @param dir the file store's data directory (records, stream metadata, the iterator secret)
 * @param fsync the file store: when appended records are forced to the disk before they are acknowledged
 * @param fsyncInterval the file store with {@code fsync=interval}: how often written records are forced
 * @param fileSegmentSize the file store: bytes per segment file, the unit in which retention frees disk
 * @param segmentAge the file store: a shard's segment file is closed and a new one started once its first record is
 *     this old, so retention can free the disk of slow shards too
 * @param minFreeSpace the file store: writes that would leave less free space on the data directory's disk are
 *     refused with LimitExceededException
 */
public record Storage(
        @DefaultValue("memory") @NotNull Type type,
        DataSize maxBytes,
        DataSize maxReadBytes,
        @DefaultValue("1MB") @NotNull DataSize segmentSize,
        @DefaultValue("16384") @Min(1) int segmentRecords,
        @DefaultValue("runnel-data") @NotNull Path dir,
        @DefaultValue("interval") @NotNull Fsync fsync,
        @DefaultValue("1s") @NotNull Duration fsyncInterval,
        @DefaultValue("64MB") @NotNull DataSize fileSegmentSize,
        @DefaultValue("1h") @NotNull Duration segmentAge,
        @DefaultValue("512MB") @NotNull DataSize minFreeSpace) {

    /** Where records live. */
    public enum Type {
        /** In this process's heap, within {@code max-bytes}; gone when the process stops. */
        MEMORY,
        /** In segment files under {@code dir}, read from disk; survives restarts and crashes per {@code fsync}. */
        FILE,
        /** In a Kafka cluster ({@code runnel.kafka.*}) that several Runnel nodes share, records and metadata alike. */
        KAFKA
    }

    /** When the file store forces appended records to the disk. */
    public enum Fsync {
        /** Before acknowledging them (concurrent appends to a shard share one fsync): survives a power loss. */
        ALWAYS,
        /** Every {@code fsync-interval}: survives a process crash; a power loss takes at most the last interval. */
        INTERVAL,
        /** Only at shutdown: survives a process crash; a power loss takes what the OS had not yet written. */
        NEVER
    }

    /** Binds every setting. */
    @ConstructorBinding
    public Storage {}

    /** The memory store with these budgets and segments; the read budget is a share of the heap. */
    public Storage(DataSize maxBytes, DataSize segmentSize, int segmentRecords) {
        this(maxBytes, null, segmentSize, segmentRecords);
    }

    /** The memory store with these budgets and segments. */
    public Storage(DataSize maxBytes, DataSize maxReadBytes, DataSize segmentSize, int segmentRecords) {
        this(
                Type.MEMORY,
                maxBytes,
                maxReadBytes,
                segmentSize,
                segmentRecords,
                Path.of("runnel-data"),
                Fsync.INTERVAL,
                Duration.ofSeconds(1),
                DataSize.ofMegabytes(64),
                Duration.ofHours(1),
                DataSize.ofMegabytes(512));
    }

    @AssertTrue(message = "storage sizes must be positive and segments at most 1GB")
    public boolean isSizesValid() {
        return (maxBytes == null || maxBytes.toBytes() > 0)
                && (maxReadBytes == null || maxReadBytes.toBytes() > 0)
                && segmentSize != null
                && segmentSize.toBytes() > 0
                && segmentSize.toBytes() <= (1L << 30)
                && fileSegmentSize != null
                && fileSegmentSize.toBytes() > 0
                && fileSegmentSize.toBytes() <= (1L << 30)
                && minFreeSpace != null
                && minFreeSpace.toBytes() >= 0;
    }

    @AssertTrue(message = "the fsync interval and the segment age must be positive")
    public boolean isDurationsValid() {
        return fsyncInterval != null && fsyncInterval.toMillis() > 0 && segmentAge != null && segmentAge.toMillis() > 0;
    }

    /** Whether records live in the heap (so the store's budget is part of {@link HeapPlan}). */
    public boolean inMemory() {
        return type == Type.MEMORY;
    }

    /** The memory budget in bytes. */
    public long maxBytesOrDefault() {
        return maxBytes != null ? maxBytes.toBytes() : HeapPlan.jvmMaxHeapBytes() / 4;
    }

    /** The read budget in bytes. */
    public long maxReadBytesOrDefault() {
        return maxReadBytes != null
                ? maxReadBytes.toBytes()
                : HeapPlan.defaultInFlightBytes(HeapPlan.jvmMaxHeapBytes());
    }
}
