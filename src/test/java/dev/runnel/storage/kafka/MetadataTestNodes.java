package dev.runnel.storage.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Runnel nodes' metadata logs for tests: each with its own clients, all closed by {@link #close}. */
final class MetadataTestNodes implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();
    private int started;

    /** A node on the shared test broker under {@code prefix}. */
    MetadataLog start(String prefix) {
        return start(TestBroker.shared().options(prefix));
    }

    synchronized MetadataLog start(KafkaOptions options) {
        KafkaClients clients = new KafkaClients(options, "node" + ++started);
        try {
            MetadataLog log = MetadataLog.start(clients);
            open.add(clients);
            open.add(0, log);
            return log;
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    /** Waits up to 30 s for the condition; false if it never held. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    @Override
    public synchronized void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        open.clear();
    }
}
