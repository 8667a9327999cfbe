import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enhanced fan-out benchmark: registers CONSUMERS consumers on a stream, subscribes each to every shard
 * (SubscribeToShard over HTTP/1.1, JSON event stream), then writes records with PutRecords from PRODUCERS threads
 * (each record carries its send time) in two phases of SECONDS each, and measures what the subscriptions
 * receive: first as fast as the server takes them (delivered records per second over the write window), then at
 * a steady RATE records per second, the load a Kinesis stream of these shards may take (put-to-receive latency
 * p50/p99 of every record delivered in that phase). Needs no library: event-stream frames are parsed here
 * (prelude and total length; CRCs are not checked).
 *
 * <p>Usage: java FanOutBench port stream shards consumers seconds producers batch rate
 * Prints one line: FANOUT consumers=.. sent=.. delivered=.. delivered_per_s=.. p50_ms=.. p99_ms=.. lost=..
 */
public final class FanOutBench {

    static final String AUTH = "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=0000";
    static final Pattern DATA = Pattern.compile("\"Data\":\"([^\"]*)\"");
    static final Pattern CONSUMER_ARN = Pattern.compile("\"ConsumerARN\":\"([^\"]*)\"");
    static final Pattern SHARD_ID = Pattern.compile("\"ShardId\":\"([^\"]*)\"");

    static HttpClient http;
    static String base;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String stream = args[1];
        int consumers = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int producers = Integer.parseInt(args[5]);
        int batch = Integer.parseInt(args[6]);
        int rate = Integer.parseInt(args[7]);
        base = "http://127.0.0.1:" + port + "/";
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        String streamArn = jsonString(call("DescribeStreamSummary", "{\"StreamName\":\"" + stream + "\"}"), "StreamARN");
        List<String> shards = new ArrayList<>();
        Matcher shard = SHARD_ID.matcher(call("ListShards", "{\"StreamName\":\"" + stream + "\"}"));
        while (shard.find()) {
            shards.add(shard.group(1));
        }
        List<String> arns = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            String answer = register(streamArn, "bench-" + c);
            Matcher arn = CONSUMER_ARN.matcher(answer);
            if (!arn.find()) {
                throw new IllegalStateException("no ConsumerARN in " + answer);
            }
            arns.add(arn.group(1));
        }
        for (String arn : arns) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!call("DescribeStreamConsumer", "{\"ConsumerARN\":\"" + arn + "\"}").contains("\"ACTIVE\"")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("consumer never became ACTIVE: " + arn);
                }
                Thread.sleep(100);
            }
        }

        AtomicLong delivered = new AtomicLong();
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        CountDownLatch subscribed = new CountDownLatch(arns.size() * shards.size());
        List<Thread> readers = new ArrayList<>();
        for (String arn : arns) {
            for (String id : shards) {
                Thread reader = new Thread(() -> subscribe(arn, id, subscribed, delivered, latencies), "sub-" + id);
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
        }
        subscribed.await();
        Thread.sleep(500);

        Phase flood = phase(stream, producers, batch, seconds, 0, consumers, delivered, latencies);
        Phase steady = phase(stream, producers, batch, seconds, rate, consumers, delivered, latencies);
        System.out.printf(
                Locale.ROOT,
                "FANOUT consumers=%d shards=%d sent=%d delivered=%d delivered_per_s=%.0f steady_rate=%d p50_ms=%.2f"
                        + " p99_ms=%.2f lost=%d%n",
                consumers,
                shards.size(),
                flood.sent + steady.sent,
                flood.delivered + steady.delivered,
                flood.delivered / flood.seconds,
                rate,
                percentile(steady.latencies, 0.50) / 1e6,
                percentile(steady.latencies, 0.99) / 1e6,
                flood.lost + steady.lost);
        System.exit(0);
    }

    /** What one phase sent and what its subscriptions received, with every delivered record's latency. */
    record Phase(long sent, long delivered, long lost, double seconds, long[] latencies) {}

    /**
     * Writes for {@code seconds} (at {@code rate} records per second, or as fast as the server takes them when 0),
     * then waits up to 30 s for every record to reach every consumer.
     */
    static Phase phase(
            String stream,
            int producers,
            int batch,
            int seconds,
            int rate,
            int consumers,
            AtomicLong delivered,
            ConcurrentLinkedQueue<long[]> latencies)
            throws InterruptedException {
        latencies.clear();
        long deliveredBefore = delivered.get();
        AtomicLong sent = new AtomicLong();
        long writeStart = System.nanoTime();
        long writeEnd = writeStart + seconds * 1_000_000_000L;
        double perProducer = rate / (double) producers;
        List<Thread> writers = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread writer =
                    new Thread(() -> produce(stream, producer, batch, writeEnd, perProducer, sent), "put-" + p);
            writer.start();
            writers.add(writer);
        }
        for (Thread writer : writers) {
            writer.join();
        }
        long expected = sent.get() * consumers;
        long grace = System.nanoTime() + 30_000_000_000L;
        while (delivered.get() - deliveredBefore < expected && System.nanoTime() < grace) {
            Thread.sleep(20);
        }
        long got = delivered.get() - deliveredBefore;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return new Phase(sent.get(), got, Math.max(0, expected - got), (writeEnd - writeStart) / 1e9, all);
    }

    /** RegisterStreamConsumer, waiting while the server has too many consumers CREATING (Kinesis allows 5). */
    static String register(String streamArn, String name) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            HttpResponse<String> response = http.send(
                    request("RegisterStreamConsumer", "{\"StreamARN\":\"" + streamArn + "\",\"ConsumerName\":\"" + name + "\"}"),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response.body();
            }
            if (!response.body().contains("LimitExceeded") || System.nanoTime() > deadline) {
                throw new IllegalStateException("RegisterStreamConsumer answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(200);
        }
    }

    /** One subscription, read until the process ends; latencies are collected per event. */
    static void subscribe(
            String arn,
            String shardId,
            CountDownLatch subscribed,
            AtomicLong delivered,
            ConcurrentLinkedQueue<long[]> latencies) {
        String body = "{\"ConsumerARN\":\"" + arn + "\",\"ShardId\":\"" + shardId
                + "\",\"StartingPosition\":{\"Type\":\"LATEST\"}}";
        try {
            HttpResponse<InputStream> response =
                    http.send(request("SubscribeToShard", body), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("SubscribeToShard answered " + response.statusCode() + ": "
                        + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            DataInputStream in = new DataInputStream(response.body());
            boolean first = true;
            while (true) {
                int total = in.readInt();
                int headers = in.readInt();
                in.readInt(); // prelude CRC
                byte[] rest = new byte[total - 12];
                in.readFully(rest);
                long now = System.nanoTime();
                String headerText = new String(rest, 0, headers, StandardCharsets.ISO_8859_1);
                if (first) {
                    first = false;
                    subscribed.countDown();
                }
                if (headerText.contains("exception")) {
                    throw new IllegalStateException("exception event: " + new String(rest, StandardCharsets.UTF_8));
                }
                String payload = new String(rest, headers, rest.length - headers - 4, StandardCharsets.UTF_8);
                Matcher data = DATA.matcher(payload);
                List<Long> lat = new ArrayList<>();
                while (data.find()) {
                    String text = new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.US_ASCII);
                    lat.add(now - Long.parseLong(text.substring(0, text.indexOf(';'))));
                }
                if (!lat.isEmpty()) {
                    delivered.addAndGet(lat.size());
                    latencies.add(lat.stream().mapToLong(Long::longValue).toArray());
                }
            }
        } catch (EOFException ended) {
            // the subscription's lifetime ended
        } catch (Exception e) {
            System.err.println("subscription " + arn + " " + shardId + " failed: " + e);
            subscribed.countDown();
        }
    }

    /**
     * PutRecords batches until the end of the write window, at {@code perSecond} records per second (0: as fast
     * as they are answered); each record's data starts with its send time.
     */
    static void produce(String stream, int producer, int batch, long writeEnd, double perSecond, AtomicLong sent) {
        String pad = "x".repeat(80);
        long n = 0;
        long next = System.nanoTime();
        try {
            while (System.nanoTime() < writeEnd) {
                if (perSecond > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    next += (long) (batch * 1e9 / perSecond);
                }
                StringBuilder body = new StringBuilder("{\"StreamName\":\"" + stream + "\",\"Records\":[");
                long at = System.nanoTime();
                for (int i = 0; i < batch; i++) {
                    String data = at + ";" + pad;
                    body.append(i == 0 ? "" : ",")
                            .append("{\"PartitionKey\":\"")
                            .append(producer)
                            .append('-')
                            .append(n++)
                            .append("\",\"Data\":\"")
                            .append(Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.US_ASCII)))
                            .append("\"}");
                }
                String answer = call("PutRecords", body.append("]}").toString());
                if (!answer.contains("\"FailedRecordCount\":0")) {
                    throw new IllegalStateException("records failed: " + answer.substring(0, Math.min(300, answer.length())));
                }
                sent.addAndGet(batch);
            }
        } catch (Exception e) {
            System.err.println("producer " + producer + " failed: " + e);
        }
    }

    static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    static HttpRequest request(String op, String body) {
        return HttpRequest.newBuilder(URI.create(base))
                .timeout(Duration.ofMinutes(10))
                .header("X-Amz-Target", "Kinesis_20131202." + op)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", AUTH)
                .header("X-Amz-Date", "20260101T000000Z")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static String call(String op, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(op, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(op + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String jsonString(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
