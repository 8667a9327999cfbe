package dev.runnel.settings;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The in-memory store, under {@code runnel.storage.*}. The budgets that are not given are shares of the maximum
 * heap, and all of them together must fit in the heap as {@link HeapPlan} says.
 *
 * @param maxBytes the memory budget of the in-memory store; empty means a quarter of the maximum heap
 * @param maxReadBytes the record bytes (data plus partition keys) that reads in flight may hold at once: GetRecords
 *     pages, the console's pages and SubscribeToShard events; empty means {@link HeapPlan#defaultInFlightBytes}
 * @param segmentSize payload bytes per storage segment, the unit in which retention frees memory
 * @param segmentRecords records per storage segment
 */
public record Storage(
        DataSize maxBytes,
        DataSize maxReadBytes,
        @DefaultValue("1MB") @NotNull DataSize segmentSize,
        @DefaultValue("16384") @Min(1) int segmentRecords) {

    /** Binds every setting. */
    @ConstructorBinding
    public Storage {}

    /** The defaults but for the store's budget and segments; the read budget is a share of the heap. */
    public Storage(DataSize maxBytes, DataSize segmentSize, int segmentRecords) {
        this(maxBytes, null, segmentSize, segmentRecords);
    }

    @AssertTrue(message = "storage sizes must be positive and segments at most 1GB")
    public boolean isSizesValid() {
        return (maxBytes == null || maxBytes.toBytes() > 0)
                && (maxReadBytes == null || maxReadBytes.toBytes() > 0)
                && segmentSize != null
                && segmentSize.toBytes() > 0
                && segmentSize.toBytes() <= (1L << 30);
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
