package dev.runnel.bench;

import dev.runnel.core.shard.ShardId;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Measures how many heap bytes the in-memory store spends per record beyond its payload and partition key.
 * Not a test: run it with {@code bench/storage-footprint.sh}. It appends records of 100 bytes with
 * 10-character keys round-robin into 4 shard logs, then compares the live heap after full GCs with the
 * heap before, and prints the per-record overhead next to the store's own accounting.
 */
public final class StorageFootprintBenchmark {

    private static final int DATA_BYTES = 100;
    private static final int SHARDS = 4;

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = liveHeap(memory);

        InMemoryShardLogStore store = new InMemoryShardLogStore(Long.MAX_VALUE / 2, 1 << 20, 16_384);
        ShardLog[] logs = new ShardLog[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            logs[i] = store.create(1L, new ShardId(i));
        }
        Random random = new Random(42);
        byte[] data = new byte[DATA_BYTES];
        long payload = 0;
        long now = 1_700_000_000_000L;
        for (int i = 0; i < records; i++) {
            random.nextBytes(data);
            String key = String.format("key-%06d", i % 1_000_000);
            payload += DATA_BYTES + key.getBytes(StandardCharsets.UTF_8).length;
            logs[i % SHARDS].append(key, data, now + i / 1000);
        }

        long after = liveHeap(memory);
        double heapPerRecord = (double) (after - before) / records;
        double payloadPerRecord = (double) payload / records;
        System.out.printf(
                "records:                 %,d (4 shards, %d-byte data, 10-character keys)%n", records, DATA_BYTES);
        System.out.printf("live heap growth:        %,d bytes%n", after - before);
        System.out.printf("heap per record:         %.1f bytes%n", heapPerRecord);
        System.out.printf("payload + key per record:%.1f bytes%n", payloadPerRecord);
        System.out.printf("overhead per record:     %.1f bytes (target <= 64)%n", heapPerRecord - payloadPerRecord);
        System.out.printf("store's own accounting:  %.1f bytes per record%n", (double) store.usedBytes() / records);
        if (logs[0].endPosition() == 0) {
            throw new IllegalStateException("nothing stored");
        }
    }

    private static long liveHeap(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
