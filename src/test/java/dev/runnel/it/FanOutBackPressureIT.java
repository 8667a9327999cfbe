package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.regions.Regions;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * A subscriber that stops reading must not make the server buffer what it cannot send: after the reader of an
 * HTTP/1.1 SubscribeToShard stalls, 64 MiB written to its shard grow the heap by what the log stores, not by a
 * queue of events; and once the reader goes away, its subscription ends.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "runnel.streams.create-delay=0",
            "runnel.fan-out.create-delay=0",
            "runnel.limits.enabled=false",
            "runnel.storage.max-bytes=160MB"
        })
@DirtiesContext
class FanOutBackPressureIT {

    private static final int RECORD_BYTES = 128 * 1024;
    private static final int RECORDS = 512;

    @LocalServerPort
    int port;

    @Autowired
    Regions regions;

    @Test
    void aStalledSubscriberHoldsOneEventAndAGoneOneIsForgotten() throws Exception {
        try (KinesisClient kinesis = AwsSdkScenario.syncClient(URI.create("http://localhost:" + port), "false")) {
            kinesis.createStream(b -> b.streamName("stall").shardCount(1));
            String streamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/stall";
            await(() -> kinesis.describeStreamSummary(b -> b.streamName("stall"))
                    .streamDescriptionSummary()
                    .streamStatusAsString()
                    .equals("ACTIVE"));
            String consumer = kinesis.registerStreamConsumer(
                            b -> b.streamARN(streamArn).consumerName("slow"))
                    .consumer()
                    .consumerARN();
            await(() -> kinesis.describeStreamConsumer(b -> b.consumerARN(consumer))
                            .consumerDescription()
                            .consumerStatus()
                    == ConsumerStatus.ACTIVE);

            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setReceiveBufferSize(64 * 1024);
                subscribe(socket, consumer);
                readHeaders(socket.getInputStream());
                await(() -> regions.defaultRegion().subscriptions().activeCount() == 1);

                long before = usedHeapAfterGc();
                byte[] data = new byte[RECORD_BYTES];
                for (int sent = 0; sent < RECORDS; sent += 32) {
                    List<PutRecordsRequestEntry> batch = new ArrayList<>();
                    for (int i = 0; i < 32; i++) {
                        batch.add(PutRecordsRequestEntry.builder()
                                .partitionKey("k")
                                .data(SdkBytes.fromByteArray(data))
                                .build());
                    }
                    assertThat(kinesis.putRecords(b -> b.streamName("stall").records(batch))
                                    .failedRecordCount())
                            .isZero();
                }
                Thread.sleep(2_000); // time to push whatever the connection takes
                long grown = usedHeapAfterGc() - before;
                long stored = (long) RECORDS * RECORD_BYTES;
                assertThat(grown)
                        .as("heap growth while the subscriber stalls, with %d bytes stored", stored)
                        .isLessThan(stored + 24L * 1024 * 1024);
            }
            await(() -> regions.defaultRegion().subscriptions().activeCount() == 0);
            kinesis.deleteStream(b -> b.streamName("stall").enforceConsumerDeletion(true));
        }
    }

    private static void subscribe(Socket socket, String consumer) throws Exception {
        String body = "{\"ConsumerARN\":\"" + consumer
                + "\",\"ShardId\":\"shardId-000000000000\",\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST / HTTP/1.1\r\nHost: localhost\r\n"
                        + "X-Amz-Target: Kinesis_20131202.SubscribeToShard\r\n"
                        + "Content-Type: application/x-amz-json-1.1\r\n"
                        + "Content-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static void readHeaders(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            assertThat(c).as("response headers").isNotNegative();
            head.append((char) c);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200").contains("application/vnd.amazon.eventstream");
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited too long").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
