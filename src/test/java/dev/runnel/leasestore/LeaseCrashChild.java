package dev.runnel.leasestore;

import dev.runnel.leasestore.expression.Update;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.storage.file.FileBlobStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The process {@link LeaseStoreCrashTest} kills with SIGKILL: it renews leases in a durable lease store without end
 * (an UpdateItem that raises {@code leaseCounter} and rewrites {@code checkpoint} to match) and prints {@code ACK
 * <lease> <counter>} once each update has returned (other lines are its log).
 */
public final class LeaseCrashChild {

    static final String REGION = "us-east-1";
    static final String TABLE = "crash-leases";
    static final int LEASES = 5;

    private LeaseCrashChild() {}

    /** The checkpoint each counter carries, so that a loaded lease shows whether its table file is whole. */
    static AttributeValue checkpointOf(long counter) {
        return AttributeValue.s("checkpoint-" + counter + "-" + "x".repeat((int) (counter % 200)));
    }

    static LeaseStore open(Path dir) {
        return new LeaseStore(
                "000000000000", 10, 1 << 24, InstantSource.system(), r -> new FileBlobStore(dir), List.of(REGION));
    }

    public static void main(String[] args) {
        RegionTables tables = open(Path.of(args[0])).region(REGION);
        if (tables.names(null, 10).isEmpty()) {
            tables.create(new NewTable(
                    TABLE,
                    List.of(new NewTable.KeyElement("leaseKey", "HASH")),
                    Map.of("leaseKey", "S"),
                    "PAY_PER_REQUEST",
                    null,
                    null,
                    List.of(),
                    false));
        }
        for (long i = 0; ; i++) {
            String lease = "shardId-" + (i % LEASES);
            WriteOutcome outcome =
                    tables.update(TABLE, Map.of("leaseKey", AttributeValue.s(lease)), RENEW, null, false);
            System.out.println("ACK " + lease + " " + counter(outcome.after()));
            System.out.flush();
        }
    }

    static long counter(Map<String, AttributeValue> item) {
        return ((AttributeValue.N) item.get("leaseCounter")).value().longValueExact();
    }

    private static final Update RENEW = new Update() {
        @Override
        public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
            long next = item.containsKey("leaseCounter") ? counter(item) + 1 : 1;
            Map<String, AttributeValue> renewed = new LinkedHashMap<>(item);
            renewed.put("leaseCounter", AttributeValue.n(next));
            renewed.put("checkpoint", checkpointOf(next));
            return renewed;
        }

        @Override
        public Set<String> topLevelAttributes() {
            return Set.of("leaseCounter", "checkpoint");
        }
    };
}
