package dev.runnel.settings;

/**
 * How Runnel shares the JVM's heap, and the rule every configuration must keep. Three budgets grow with load:
 * stored records ({@code runnel.storage.max-bytes}; none with the file store, whose records are on disk), the record bytes reads in flight hold ({@code
 * runnel.storage.max-read-bytes}) and the request bodies being read and decoded ({@code
 * runnel.http.max-in-flight-bytes}). <b>Together they may take at most half of the maximum heap.</b> The other half
 * is for what grows with them but is not counted byte for byte: the copies made while encoding answers and decoding
 * requests (Base64 is a third larger than its bytes, a decoded record sits beside its request, an event-stream
 * frame is built whole), Spring, Tomcat and their threads, and room for the garbage collector (the Serial collector
 * that {@code bin/runnel} picks keeps long-lived records in an old generation of two thirds of the heap).
 *
 * <p>Budgets that are not configured are shares of the heap: the store a quarter, each in-flight budget a sixteenth
 * but at most 64 MiB, so the defaults always keep the rule. A configuration that breaks it is
 * refused at start-up with {@link HeapTooSmallException}: a budget the heap cannot hold would end in
 * OutOfMemoryError under load, which can kill the threads that accept connections and leave the server deaf.
 *
 * @param maxHeapBytes the JVM's maximum heap ({@link Runtime#maxMemory()})
 * @param storageBytes the store's budget
 * @param readBytes the read budget
 * @param requestBytes the in-flight request budget
 */
public record HeapPlan(long maxHeapBytes, long storageBytes, long readBytes, long requestBytes) {

    private static final long MIB = 1L << 20;
    private static final long MAX_IN_FLIGHT = 64 * MIB;

    /** The budgets of the properties, with the defaults computed for a heap of {@code maxHeapBytes}. */
    public static HeapPlan of(RunnelProperties properties, long maxHeapBytes) {
        Storage storage = properties.storage();
        return new HeapPlan(
                maxHeapBytes,
                !storage.inMemory()
                        ? 0
                        : storage.maxBytes() != null ? storage.maxBytes().toBytes() : maxHeapBytes / 4,
                storage.maxReadBytes() != null ? storage.maxReadBytes().toBytes() : defaultInFlightBytes(maxHeapBytes),
                properties.http().maxInFlightBytes() != null
                        ? properties.http().maxInFlightBytes().toBytes()
                        : defaultInFlightBytes(maxHeapBytes));
    }

    /** The budgets of the properties for this JVM's heap. */
    public static HeapPlan of(RunnelProperties properties) {
        return of(properties, jvmMaxHeapBytes());
    }

    /** This JVM's maximum heap. */
    public static long jvmMaxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /** The default of each in-flight budget: a sixteenth of the heap, at most 64 MiB. */
    public static long defaultInFlightBytes(long maxHeapBytes) {
        return Math.min(MAX_IN_FLIGHT, maxHeapBytes / 16);
    }

    /** What the three budgets may take together: half of the maximum heap. */
    public long limitBytes() {
        return maxHeapBytes / 2;
    }

    /** What the three budgets take together. */
    public long totalBytes() {
        return storageBytes + readBytes + requestBytes;
    }

    /** Whether the budgets keep the rule. */
    public boolean fits() {
        return totalBytes() <= limitBytes();
    }

    /**
     * Checks the rule.
     *
     * @throws HeapTooSmallException naming the budgets, the heap, and what would fit
     */
    public void check() {
        if (!fits()) {
            throw new HeapTooSmallException(problem(), action());
        }
    }

    private String problem() {
        return "runnel.storage.max-bytes (" + mib(storageBytes) + "), runnel.storage.max-read-bytes ("
                + mib(readBytes) + ") and runnel.http.max-in-flight-bytes (" + mib(requestBytes) + ") add up to "
                + mib(totalBytes()) + ", more than half of the maximum heap of " + mib(maxHeapBytes) + " ("
                + mib(limitBytes()) + "). Records, reads and requests would run the JVM out of memory under load.";
    }

    private String action() {
        long room = limitBytes() - readBytes - requestBytes;
        // Twice the budgets, plus what the collector keeps out of Runtime.maxMemory (a survivor space), rounded up.
        long heapMib = (2 * totalBytes() * 21 / 20 + 64 * MIB - 1) / (64 * MIB) * 64;
        String lower = room > 0
                ? "lower runnel.storage.max-bytes to at most " + mib(room)
                : "lower runnel.storage.max-read-bytes and runnel.http.max-in-flight-bytes";
        return "Give Runnel a larger heap (-Xmx" + heapMib + "m or more; with bin/runnel: JAVA_OPTS=-Xmx" + heapMib
                + "m), or " + lower + ".";
    }

    private static String mib(long bytes) {
        return bytes / MIB + " MiB";
    }
}
