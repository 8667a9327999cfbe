package dev.runnel.leasestore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.leasestore.model.AttributeValue;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A durable lease store's process killed with SIGKILL in the middle of renewing leases loses no acknowledged one. */
class LeaseStoreCrashTest {

    @TempDir
    Path dir;

    /**
     * Twice over, a child renews leases and is killed at a random moment: the reopened store holds every lease at the
     * counter last acknowledged or the one in flight after it, with the checkpoint written with that counter, and the
     * directory holds only the table's file.
     */
    @Test
    void aProcessKilledMidRenewalLeavesEveryLeaseAtTheAcknowledgedCounter() throws Exception {
        Random random = new Random();
        Map<String, Long> acknowledged = new HashMap<>();
        for (int round = 0; round < 2; round++) {
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            LeaseCrashChild.class.getName(),
                            dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            int acks = 20 + random.nextInt(300);
            InputStream out = child.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int read = 0; read < acks; ) {
                int c = out.read();
                assertThat(c).as("child output, round %d", round).isNotNegative();
                if (c == '\n') {
                    read += acknowledge(acknowledged, line);
                } else {
                    line.append((char) c);
                }
            }
            child.toHandle().destroyForcibly(); // SIGKILL; Process.destroyForcibly would close the pipe too
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (int c = out.read(); c >= 0; c = out.read()) {
                if (c == '\n') {
                    acknowledge(acknowledged, line);
                } else {
                    line.append((char) c);
                }
            }
            out.close();

            RegionTables reopened = LeaseCrashChild.open(dir).region(LeaseCrashChild.REGION);

            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactly("crash-leases.blob");
            }
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                Map<String, AttributeValue> lease = reopened.get(
                                LeaseCrashChild.TABLE, Map.of("leaseKey", AttributeValue.s(ack.getKey())))
                        .orElseThrow();
                long counter = LeaseCrashChild.counter(lease);
                assertThat(counter).as(ack.getKey()).isBetween(ack.getValue(), ack.getValue() + 1);
                assertThat(lease.get("checkpoint")).isEqualTo(LeaseCrashChild.checkpointOf(counter));
                acknowledged.put(ack.getKey(), counter);
            }
        }
        assertThat(acknowledged).hasSize(LeaseCrashChild.LEASES);
    }

    /** Takes in one whole line of the child's output: 1 if it was an acknowledgement, 0 for a log line. */
    private static int acknowledge(Map<String, Long> acknowledged, StringBuilder line) {
        String[] ack = line.toString().split(" ");
        line.setLength(0);
        if (ack.length != 3 || !ack[0].equals("ACK")) {
            return 0;
        }
        acknowledged.merge(ack[1], Long.parseLong(ack[2]), Math::max);
        return 1;
    }
}
