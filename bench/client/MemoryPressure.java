import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Memory-pressure load for bench/memory-pressure.sh (issue 17), JDK only: big writes and big concurrent reads on
 * the AWS JSON edge, counting every kind of answer, then a read-back of every acknowledged record.
 *
 * <pre>
 * writes PORT SECONDS THREADS RECORD_KIB BATCH SHARDS
 *     THREADS writers send PutRecords of BATCH records of RECORD_KIB each to a stream of SHARDS shards for
 *     SECONDS, then every shard is read back and each acknowledged record's CRC compared.
 * reads PORT SECONDS READERS RECORD_MIB RECORDS
 *     RECORDS records of RECORD_MIB are written to a one-shard stream (the server needs limits off), then
 *     READERS threads read them with GetRecords (one record a page) for SECONDS, checking each record's CRC.
 * </pre>
 * Prints one "RESULT key=value ..." line per phase and "ALIVE status=N" after a final ListStreams.
 */
public class MemoryPressure {

    static final String AUTH = "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0".repeat(64);

    static HttpClient http;
    static String base;
    static final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    /** Sequence number of every acknowledged record: its CRC-32 and length. */
    static final Map<String, long[]> acked = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r);
                    t.setDaemon(true);
                    return t;
                }))
                .build();
        base = "http://127.0.0.1:" + args[1];
        switch (args[0]) {
            case "writes" -> writes(
                    Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "reads" -> reads(
                    Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException(args[0]);
        }
        alive();
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------------ writes

    static void writes(int seconds, int threads, int recordKib, int batch, int shards) throws Exception {
        String stream = "mp-writes";
        createStream(stream, shards, 1024);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        AtomicLong sent = new AtomicLong();
        for (int w = 0; w < threads; w++) {
            int writer = w;
            workers.add(pool.submit(() -> {
                Random random = new Random(writer);
                byte[][] data = new byte[batch][recordKib * 1024];
                long[] crcs = new long[batch];
                while (System.nanoTime() < deadline) {
                    StringBuilder body = new StringBuilder(batch * recordKib * 1400).append("{\"StreamName\":\"")
                            .append(stream).append("\",\"Records\":[");
                    for (int i = 0; i < batch; i++) {
                        random.nextBytes(data[i]);
                        crcs[i] = crc(data[i], 0, data[i].length);
                        body.append(i == 0 ? "" : ",").append("{\"Data\":\"")
                                .append(Base64.getEncoder().encodeToString(data[i]))
                                .append("\",\"PartitionKey\":\"pk-").append(random.nextInt()).append("\"}");
                    }
                    body.append("]}");
                    sent.addAndGet(batch);
                    try {
                        HttpResponse<String> r = send("PutRecords", body.toString(), 120, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            count("put-" + r.statusCode() + "-" + errorType(r.body()));
                            continue;
                        }
                        List<String> entries = entries(r.body());
                        for (int i = 0; i < entries.size(); i++) {
                            String seq = field(entries.get(i), "SequenceNumber");
                            if (seq != null) {
                                acked.put(seq, new long[] {crcs[i], data[i].length});
                                count("record-acked");
                            } else {
                                count("record-" + field(entries.get(i), "ErrorCode"));
                            }
                        }
                    } catch (IOException e) {
                        count("put-io-" + e.getClass().getSimpleName());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdownNow();
        report("writes", "records_sent=" + sent.get());
        readBack(stream, shards);
    }

    static void readBack(String stream, int shards) throws Exception {
        outcomes.clear();
        long found = 0;
        long intact = 0;
        for (int s = 0; s < shards; s++) {
            String iterator = iterator(stream, String.format("shardId-%012d", s));
            int empty = 0;
            while (iterator != null && empty < 2) {
                Page page = getRecords(iterator, 10000);
                if (page == null) {
                    Thread.sleep(200);
                    continue;
                }
                for (Rec r : page.records) {
                    long[] expected = acked.get(r.seq);
                    if (expected != null) {
                        found++;
                        if (expected[0] == r.crc && expected[1] == r.length) {
                            intact++;
                        }
                    }
                }
                empty = page.records.isEmpty() ? empty + 1 : 0;
                iterator = page.next;
            }
        }
        report("readback", "acked=" + acked.size() + " found=" + found + " intact=" + intact);
    }

    // ------------------------------------------------------------------------------------------------- reads

    static void reads(int seconds, int readers, int recordMib, int records) throws Exception {
        String stream = "mp-reads";
        createStream(stream, 1, 10240);
        long[] crcs = new long[records];
        for (int i = 0; i < records; i++) {
            byte[] data = new byte[recordMib * 1024 * 1024 - 8];
            new Random(i).nextBytes(data);
            crcs[i] = crc(data, 0, data.length);
            String body = "{\"StreamName\":\"" + stream + "\",\"PartitionKey\":\"k" + i + "\",\"Data\":\""
                    + Base64.getEncoder().encodeToString(data) + "\"}";
            HttpResponse<String> r = send("PutRecord", body, 120, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("PutRecord " + r.statusCode() + " " + r.body());
            }
            acked.put(field(r.body(), "SequenceNumber"), new long[] {crcs[i], data.length});
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < readers; w++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        String iterator = iterator(stream, "shardId-000000000000");
                        while (iterator != null && System.nanoTime() < deadline) {
                            Page page = getRecords(iterator, 1);
                            if (page == null) {
                                continue; // refused: retry the same iterator
                            }
                            for (Rec r : page.records) {
                                long[] expected = acked.get(r.seq);
                                count(expected != null && expected[0] == r.crc && expected[1] == r.length
                                        ? "record-intact" : "record-CORRUPT");
                            }
                            iterator = page.records.isEmpty() ? null : page.next;
                        }
                    } catch (IOException e) {
                        count("get-io-" + e.getClass().getSimpleName());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdownNow();
        report("reads", "records=" + records + " record_mib=" + recordMib + " readers=" + readers);
    }

    // -------------------------------------------------------------------------------------------------- wire

    record Rec(String seq, long crc, long length) {}

    record Page(List<Rec> records, String next) {}

    /** One GetRecords call; null (and the outcome counted) when it was refused. */
    static Page getRecords(String iterator, int limit) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = send("GetRecords", "{\"ShardIterator\":\"" + iterator + "\",\"Limit\":" + limit
                + "}", 120, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = new BufferedInputStream(r.body(), 65536)) {
            if (r.statusCode() != 200) {
                count("get-" + r.statusCode() + "-" + errorType(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                return null;
            }
            try {
                Page page = new PageScanner(in).scan();
                count("get-200");
                return page;
            } catch (IOException | RuntimeException e) {
                count("get-200-cut-" + e.getClass().getSimpleName());
                return null;
            }
        }
    }

    /**
     * A streaming reader of a GetRecords answer: keeps sequence numbers and the next iterator, and only the
     * CRC-32 and length of each record's Data (decoded from Base64 on the fly), so a 10 MiB record costs no memory.
     */
    static final class PageScanner {
        private final InputStream in;
        private final List<Rec> records = new ArrayList<>();
        private String next;
        private String seq;
        private long crc;
        private long length;

        PageScanner(InputStream in) {
            this.in = in;
        }

        Page scan() throws IOException {
            String key = null;
            boolean expectKey = true;
            int depth = 0;
            int c;
            while ((c = in.read()) >= 0) {
                switch (c) {
                    case '{', '[' -> {
                        depth++;
                        expectKey = c == '{';
                    }
                    case '}', ']' -> {
                        depth--;
                        if (c == '}' && depth == 2 && seq != null) {
                            records.add(new Rec(seq, crc, length));
                            seq = null;
                        }
                    }
                    case ',' -> expectKey = true;
                    case ':' -> expectKey = false;
                    case '"' -> {
                        if (expectKey) {
                            key = string();
                        } else if ("Data".equals(key)) {
                            data();
                        } else {
                            String value = string();
                            if ("SequenceNumber".equals(key)) {
                                seq = value;
                            } else if ("NextShardIterator".equals(key) && depth == 1) {
                                next = value;
                            }
                        }
                    }
                    default -> {}
                }
            }
            if (depth != 0) {
                throw new IOException("answer cut at depth " + depth);
            }
            return new Page(records, next);
        }

        private String string() throws IOException {
            StringBuilder out = new StringBuilder();
            int c;
            while ((c = in.read()) != '"') {
                if (c < 0) {
                    throw new IOException("cut in a string");
                }
                if (c == '\\') {
                    c = in.read();
                }
                out.append((char) c);
            }
            return out.toString();
        }

        private void data() throws IOException {
            CRC32 sum = new CRC32();
            byte[] quad = new byte[4];
            byte[] buffer = new byte[4096];
            int n = 0;
            long total = 0;
            int c;
            while ((c = in.read()) != '"') {
                if (c < 0) {
                    throw new IOException("cut in Data");
                }
                quad[n++] = (byte) c;
                if (n == 4) {
                    byte[] decoded = Base64.getDecoder().decode(quad);
                    sum.update(decoded);
                    total += decoded.length;
                    n = 0;
                }
            }
            if (n != 0) {
                throw new IOException("Base64 of odd length");
            }
            crc = sum.getValue();
            length = total;
        }
    }

    static String iterator(String stream, String shard) throws IOException, InterruptedException {
        while (true) {
            HttpResponse<String> r = send("GetShardIterator", "{\"StreamName\":\"" + stream + "\",\"ShardId\":\"" + shard
                    + "\",\"ShardIteratorType\":\"TRIM_HORIZON\"}", 60, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return field(r.body(), "ShardIterator");
            }
            count("iterator-" + r.statusCode() + "-" + errorType(r.body()));
            Thread.sleep(100);
        }
    }

    static void createStream(String stream, int shards, int maxRecordKib) throws Exception {
        send("CreateStream", "{\"StreamName\":\"" + stream + "\",\"ShardCount\":" + shards + ",\"MaxRecordSizeInKiB\":"
                + maxRecordKib + "}", 30, HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = send("DescribeStreamSummary", "{\"StreamName\":\"" + stream + "\"}", 30,
                    HttpResponse.BodyHandlers.ofString());
            if (r.body().contains("ACTIVE")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("stream not ACTIVE");
    }

    static void alive() {
        try {
            HttpResponse<String> r = send("ListStreams", "{}", 10, HttpResponse.BodyHandlers.ofString());
            System.out.println("ALIVE status=" + r.statusCode());
        } catch (Exception e) {
            System.out.println("ALIVE status=none " + e);
        }
    }

    static <T> HttpResponse<T> send(String operation, String body, int timeoutSeconds, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "Kinesis_20131202." + operation)
                .header("Authorization", AUTH)
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), handler);
    }

    static List<String> entries(String body) {
        List<String> out = new ArrayList<>();
        int at = body.indexOf("\"Records\"");
        while ((at = body.indexOf('{', at + 1)) >= 0) {
            int end = body.indexOf('}', at);
            out.add(body.substring(at, end + 1));
            at = end;
        }
        return out;
    }

    static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\"");
        if (at < 0) {
            return null;
        }
        int start = json.indexOf('"', json.indexOf(':', at) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    static String errorType(String body) {
        String type = field(body, "__type");
        return type == null ? (body.isEmpty() ? "empty" : "other") : type;
    }

    static long crc(byte[] data, int offset, int length) {
        CRC32 sum = new CRC32();
        sum.update(data, offset, length);
        return sum.getValue();
    }

    static void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    static void report(String phase, String extra) {
        StringBuilder line = new StringBuilder("RESULT phase=" + phase + " " + extra);
        new TreeMap<>(outcomes).forEach((k, v) -> line.append(' ').append(k).append('=').append(v.get()));
        System.out.println(line);
        outcomes.clear();
    }
}
