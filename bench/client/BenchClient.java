import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Java side of bench/run.sh: a preloader and a GetRecords reader, JDK only (HttpClient, HTTP/1.1).
 *
 * <pre>
 * load  PORT STREAM RECORDS MAX_SECONDS CONNECTIONS [RECORD_BYTES]
 *     PutRecords of 500 x RECORD_BYTES-byte records (default 100, random bytes and keys) on the AWS JSON edge
 *     until RECORDS are acked or MAX_SECONDS pass; prints "LOAD records=N seconds=S failed=F".
 * read  PORT STREAM MODE EXPECTED MAX_SECONDS WARMUP_SECONDS MEASURE_SECONDS      (MODE: json | cbor | rest)
 *     Reads shardId-000000000000 from TRIM_HORIZON to its end with Limit 10000, pass after pass: first until
 *     WARMUP_SECONDS have passed (at least one pass; each prints "WARM pass=i records=N seconds=S ..."), then,
 *     measured, until MEASURE_SECONDS more have passed (at least one; each prints "PASS pass=i ..."). Last it prints
 *     "READ passes=P records=N seconds=S records_per_s=R calls=C p50_ms=A p99_ms=B" over the measured passes (A, B:
 *     latency of one GetRecords call, nearest rank over their calls). With BENCH_CPU_GROUPS set ("name=PGID ...",
 *     e.g. "server=123 broker=456"), then "CPU records=N server=X ... client=Y": CPU-seconds (utime + stime from
 *     /proc/PID/stat, in BENCH_CLK_TCK ticks a second, default 100) of every process in each of those process
 *     groups, and of this JVM (the load generator), during the measured passes, and machine=Z: the busy
 *     CPU-seconds of the whole machine (/proc/stat) in the same time.
 * sample PORT STREAM MAX_RECORDS MAX_SECONDS
 *     Reads shardId-000000000000 from TRIM_HORIZON in AWS JSON with Limit 10000, once, until MAX_RECORDS are read
 *     or the shard's end (three empty pages); prints "SAMPLE records=N bytes=B seconds=S records_per_s=R calls=C"
 *     (B: the answers' bytes). Exits 1 when it read nothing.
 * </pre>
 * Exits 1 on any non-2xx answer, failed record or timeout, after printing what it saw.
 */
public class BenchClient {

    static final String AUTH = "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/kinesis/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0".repeat(64);
    static final String JSON = "application/x-amz-json-1.1";
    static final String CBOR = "application/x-amz-cbor-1.1";

    static final java.util.regex.Pattern ALL_ACKED =
            java.util.regex.Pattern.compile("\"FailedRecordCount\"\\s*:\\s*0\\s*[,}]");

    static HttpClient http;
    static String base;

    public static void main(String[] args) throws Exception {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        base = "http://127.0.0.1:" + args[1];
        switch (args[0]) {
            case "load" -> load(args[2], Long.parseLong(args[3]), Long.parseLong(args[4]), Integer.parseInt(args[5]),
                    args.length > 6 ? Integer.parseInt(args[6]) : 100);
            case "sample" -> sample(args[2], Long.parseLong(args[3]), Long.parseLong(args[4]));
            case "read" -> read(args[2], args[3], Long.parseLong(args[4]), Long.parseLong(args[5]),
                    Double.parseDouble(args[6]), Double.parseDouble(args[7]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ---------------------------------------------------------------- load

    static void load(String stream, long records, long maxSeconds, int connections, int recordBytes) throws Exception {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        AtomicLong next = new AtomicLong(), acked = new AtomicLong(), failed = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            long seed = w;
            workers.add(pool.submit(() -> {
                Random random = new Random(seed * 7919 + System.nanoTime());
                byte[] data = new byte[recordBytes];
                while (System.nanoTime() < deadline && failed.get() == 0) {
                    long first = next.getAndAdd(500);
                    if (first >= records) return null;
                    int n = (int) Math.min(500, records - first);
                    StringBuilder body = new StringBuilder(n * (recordBytes * 4 / 3 + 70)).append("{\"StreamName\":\"").append(stream)
                            .append("\",\"Records\":[");
                    for (int i = 0; i < n; i++) {
                        random.nextBytes(data);
                        body.append(i == 0 ? "" : ",").append("{\"Data\":\"")
                                .append(Base64.getEncoder().encodeToString(data))
                                .append("\",\"PartitionKey\":\"pk-").append(Long.toHexString(random.nextLong()))
                                .append("\"}");
                    }
                    body.append("]}");
                    HttpResponse<String> r = aws("PutRecords", body.toString(), Math.max(5, maxSeconds));
                    if (r.statusCode() / 100 != 2 || !ALL_ACKED.matcher(r.body()).find()) {
                        failed.addAndGet(n);
                        System.err.println("PutRecords failed: " + r.statusCode() + " " + abbrev(r.body()));
                        return null;
                    }
                    acked.addAndGet(n);
                }
                return null;
            }));
        }
        String error = null;
        for (Future<?> f : workers) {
            try {
                f.get();
            } catch (Exception e) {
                error = e.getCause() == null ? e.toString() : e.getCause().toString();
            }
        }
        pool.shutdownNow();
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("LOAD records=%d seconds=%.3f failed=%d deadline_hit=%s%n", acked.get(), secs,
                failed.get(), acked.get() < records && failed.get() == 0 && error == null);
        if (error != null) System.err.println("load error: " + error);
        if (failed.get() > 0 || error != null) System.exit(1);
    }

    // ---------------------------------------------------------------- read

    static void read(String stream, String mode, long expected, long maxSeconds, double warmupSeconds,
            double measureSeconds) throws Exception {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int pass = 0;
        do {
            pass(++pass, "WARM", stream, mode, expected, deadline, new ArrayList<>());
        } while (System.nanoTime() < warmupEnd);
        Map<String, Double> cpu0 = cpu();
        long start = System.nanoTime();
        long measureEnd = start + (long) (measureSeconds * 1e9);
        List<Long> latencies = new ArrayList<>();
        int measured = 0;
        do {
            pass(++pass, "PASS", stream, mode, expected, deadline, latencies);
            measured++;
        } while (System.nanoTime() < measureEnd);
        double secs = (System.nanoTime() - start) / 1e9;
        long total = measured * expected;
        System.out.printf(Locale.ROOT, "READ passes=%d records=%d seconds=%.3f records_per_s=%.1f calls=%d p50_ms=%.3f p99_ms=%.3f%n",
                measured, total, secs, total / secs, latencies.size(), percentile(latencies, 50) / 1e6,
                percentile(latencies, 99) / 1e6);
        if (!cpu0.isEmpty()) {
            StringBuilder line = new StringBuilder("CPU records=" + total);
            cpu().forEach((name, seconds) -> line.append(' ').append(name).append('=')
                    .append(String.format(Locale.ROOT, "%.3f", seconds - cpu0.getOrDefault(name, 0.0))));
            System.out.println(line);
        }
    }

    /**
     * One pass over the shard, adding each call's latency to {@code latencies}; prints "LABEL pass=i records=N
     * seconds=S records_per_s=R calls=C" and exits 1 unless it read {@code expected} records before the deadline.
     */
    static void pass(int pass, String label, String stream, String mode, long expected, long deadline,
            List<Long> latencies) throws Exception {
        long start = System.nanoTime();
        String iterator = iterator(stream, mode);
        long total = 0, calls = 0;
        int empty = 0;
        while (iterator != null && total < expected && empty < 3) {
            if (System.nanoTime() > deadline) {
                System.err.println("read deadline hit after " + total + " records");
                System.exit(1);
            }
            long callStart = System.nanoTime();
            Page page = getRecords(stream, mode, iterator);
            latencies.add(System.nanoTime() - callStart);
            calls++;
            total += page.records;
            empty = page.records == 0 ? empty + 1 : 0;
            iterator = page.next;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s pass=%d records=%d seconds=%.3f records_per_s=%.1f calls=%d%n",
                label, pass, total, secs, total / secs, calls);
        if (total != expected) {
            System.err.println("read " + total + " records, expected " + expected);
            System.exit(1);
        }
    }

    /** Nearest-rank percentile of the nanosecond latencies, 0 when there are none. */
    static double percentile(List<Long> nanos, int p) {
        if (nanos.isEmpty()) return 0;
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /**
     * CPU-seconds so far of each process group named in BENCH_CPU_GROUPS ("name=PGID ..."; every process whose
     * /proc/PID/stat names that group, utime + stime) and of this JVM ("client"); empty without BENCH_CPU_GROUPS.
     */
    static Map<String, Double> cpu() throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        String groups = System.getenv("BENCH_CPU_GROUPS");
        if (groups == null || groups.isBlank()) return seconds;
        double tck = Double.parseDouble(System.getenv().getOrDefault("BENCH_CLK_TCK", "100"));
        Map<Long, Long> ticks = new HashMap<>();   // process group -> ticks
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                String stat;
                try {
                    stat = Files.readString(proc.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                // pid (comm) state ppid pgrp ... utime stime: the fields after the command's closing parenthesis
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.merge(Long.parseLong(f[2]), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
            }
        }
        for (String group : groups.trim().split("\\s+")) {
            String[] nameAndId = group.split("=", 2);
            seconds.put(nameAndId[0], ticks.getOrDefault(Long.parseLong(nameAndId[1]), 0L) / tck);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        seconds.put("client", os.getProcessCpuTime() / 1e9);
        // The whole machine's busy time (user nice system . . irq softirq steal of /proc/stat's "cpu" line), from
        // which run.sh tells how much CPU other processes took during the pass.
        String[] all = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) busy += Long.parseLong(all[i]);
        seconds.put("machine", busy / tck);
        return seconds;
    }

    static void sample(String stream, long maxRecords, long maxSeconds) throws Exception {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        long start = System.nanoTime();
        String iterator = iterator(stream, "json");
        long total = 0, bytes = 0, calls = 0;
        int empty = 0;
        boolean late = false;
        while (iterator != null && total < maxRecords && empty < 3) {
            if (System.nanoTime() > deadline) {
                System.err.println("sample deadline hit after " + total + " records");
                late = true;
                break;
            }
            byte[] body = reader().exchange("POST", "/", "JSON GetRecords", ("{\"ShardIterator\":\"" + iterator
                    + "\",\"Limit\":10000}").getBytes(StandardCharsets.UTF_8));
            Page page = page(body, "SequenceNumber", "NextShardIterator");
            calls++;
            total += page.records;
            bytes += body.length;
            empty = page.records == 0 ? empty + 1 : 0;
            iterator = page.next;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("SAMPLE records=%d bytes=%d seconds=%.3f records_per_s=%.1f calls=%d%n",
                total, bytes, secs, total / secs, calls);
        if (total == 0 || late) System.exit(1);
    }

    record Page(long records, String next) {
    }

    static String iterator(String stream, String mode) throws Exception {
        switch (mode) {
            case "rest" -> {
                String body = "{\"streamName\":\"" + stream + "\",\"shardId\":\"shardId-000000000000\",\"type\":\"TRIM_HORIZON\"}";
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/shard-iterators"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)), HttpResponse.BodyHandlers.ofString());
                return jsonString(r.body(), "shardIterator");
            }
            case "json" -> {
                HttpResponse<String> r = aws("GetShardIterator", "{\"StreamName\":\"" + stream
                        + "\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"TRIM_HORIZON\"}", 60);
                return jsonString(r.body(), "ShardIterator");
            }
            case "cbor" -> {
                Cbor c = new Cbor().map(3).text("StreamName").text(stream).text("ShardId").text("shardId-000000000000")
                        .text("ShardIteratorType").text("TRIM_HORIZON");
                byte[] body = cbor("GetShardIterator", c.bytes());
                return new CborReader(body).topLevel("ShardIterator").text;
            }
            default -> throw new IllegalArgumentException("mode " + mode);
        }
    }

    static Page getRecords(String stream, String mode, String iterator) throws Exception {
        switch (mode) {
            case "rest" -> {
                byte[] body = reader().exchange("GET", "/streams/" + stream + "/records?limit=10000&shardIterator="
                        + URLEncoder.encode(iterator, StandardCharsets.UTF_8), null, null);
                return page(body, "sequenceNumber", "nextShardIterator");
            }
            case "json" -> {
                byte[] body = reader().exchange("POST", "/", "JSON GetRecords", ("{\"ShardIterator\":\"" + iterator
                        + "\",\"Limit\":10000}").getBytes(StandardCharsets.UTF_8));
                return page(body, "SequenceNumber", "NextShardIterator");
            }
            case "cbor" -> {
                byte[] body = reader().exchange("POST", "/", "CBOR GetRecords", new Cbor().map(2)
                        .text("ShardIterator").text(iterator).text("Limit").uint(10000).bytes());
                try {
                    CborReader.Found f = new CborReader(body).topLevel("NextShardIterator");
                    return new Page(f.records, f.text);
                } catch (RuntimeException e) { // e.g. an answer cut short: its items run past its end
                    System.err.println("malformed CBOR GetRecords answer (" + body.length + " bytes): " + e);
                    System.exit(1);
                    return null;
                }
            }
            default -> throw new IllegalArgumentException("mode " + mode);
        }
    }

    // ---------------------------------------------------------------- HTTP

    static RawHttp reader;

    static RawHttp reader() throws IOException {
        if (reader == null || reader.closed) {
            reader = new RawHttp(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
        }
        return reader;
    }

    /**
     * The GetRecords reader's HTTP/1.1 client: one keep-alive socket, the request written in one go, the answer
     * read straight into a reused buffer (Content-Length or chunked). The JDK HttpClient spent more CPU per
     * record than the servers measured here; this one costs little more than the copy from the socket.
     * Any status but 200, and an AWS answer of the wrong Content-Type, end the run.
     */
    static final class RawHttp {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private byte[] buffer = new byte[1 << 20];
        /** Set when the server said it closes the connection (Tomcat does after 100 requests on one). */
        boolean closed;

        RawHttp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setReceiveBufferSize(1 << 20);
            out = socket.getOutputStream();
            in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
        }

        /** {@code target} is e.g. "JSON GetRecords" for POST /, null for the REST API. Returns the body. */
        byte[] exchange(String method, String path, String target, byte[] body) throws IOException {
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1\r\n");
            String expectedType = "application/json";
            if (target != null) {
                String[] parts = target.split(" ");
                expectedType = parts[0].equals("CBOR") ? CBOR : JSON;
                head.append("Content-Type: ").append(expectedType).append("\r\n")
                        .append("X-Amz-Target: Kinesis_20131202.").append(parts[1]).append("\r\n")
                        .append("Authorization: ").append(AUTH).append("\r\n")
                        .append("X-Amz-Date: 20260101T000000Z\r\n");
            }
            if (body != null) head.append("Content-Length: ").append(body.length).append("\r\n");
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) out.write(body);
            out.flush();

            String status = line();
            long length = -1;
            boolean chunked = false;
            String type = "";
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                    case "content-type" -> type = value;
                    case "connection" -> closed = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            int size = 0;
            if (chunked) {
                for (int chunk = Integer.parseInt(line().split(";")[0].trim(), 16); chunk > 0;
                     chunk = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    size = readInto(size, chunk);
                    line();
                }
                while (!line().isEmpty()) { } // trailers
            } else if (length >= 0) {
                size = readInto(0, (int) length);
            } else {
                throw new IOException("answer without a length: " + status);
            }
            byte[] answer = java.util.Arrays.copyOf(buffer, size);
            if (closed) socket.close();
            if (!status.startsWith("HTTP/1.1 200")) {
                System.err.println(method + " " + path + " " + target + " answered " + status + ": "
                        + abbrev(new String(answer, StandardCharsets.ISO_8859_1)));
                System.exit(1);
            }
            if (!type.startsWith(expectedType)) {
                System.err.println(target + " answered " + type + " instead of " + expectedType);
                System.exit(1);
            }
            return answer;
        }

        private int readInto(int size, int n) throws IOException {
            if (size + n > buffer.length) buffer = java.util.Arrays.copyOf(buffer, Math.max(size + n, 2 * buffer.length));
            int read = in.readNBytes(buffer, size, n);
            if (read < n) throw new IOException("connection closed mid-answer");
            return size + n;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) throw new IOException("connection closed");
                if (c != '\r') line.append((char) c);
            }
            return line.toString();
        }
    }

    static HttpResponse<String> aws(String op, String body, long timeoutSeconds) throws Exception {
        return send(awsRequest(op, body, timeoutSeconds), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder awsRequest(String op, String body, long timeoutSeconds) {
        return HttpRequest.newBuilder(URI.create(base + "/")).timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Content-Type", JSON).header("X-Amz-Target", "Kinesis_20131202." + op)
                .header("Authorization", AUTH).header("X-Amz-Date", "20260101T000000Z")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static byte[] cbor(String op, byte[] body) throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(base + "/")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", CBOR).header("X-Amz-Target", "Kinesis_20131202." + op)
                .header("Authorization", AUTH).header("X-Amz-Date", "20260101T000000Z")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.ofByteArray());
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith(CBOR)) {
            System.err.println(op + " answered " + type + " instead of CBOR: " + abbrev(new String(r.body(), StandardCharsets.UTF_8)));
            System.exit(1);
        }
        return r.body();
    }

    static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws Exception {
        HttpRequest built = request.build();
        HttpResponse<T> r = http.send(built, handler);
        if (r.statusCode() / 100 != 2) {
            Object b = r.body();
            String text = b instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(b);
            System.err.println(built.method() + " " + built.uri().getPath() + " " + built.headers().firstValue("X-Amz-Target").orElse("")
                    + " answered " + r.statusCode() + ": " + abbrev(text));
            System.exit(1);
        }
        return r;
    }

    // ---------------------------------------------------------------- just enough JSON

    /**
     * A GetRecords answer read as bytes, without decoding it to text: the records are counted by their
     * sequence-number member ({@code "name":}, found at each ':' — a few per record — rather than at each '"'),
     * and the next iterator is looked for in the last 4 KiB first (where the servers here put it, after the
     * records), then in the whole answer. The ':' are found eight bytes at a time (a byte-by-byte loop was 38 % of
     * the reader's CPU in JSON, as much as the server's whole cost a record by 2026-12-08).
     */
    static Page page(byte[] body, String member, String next) {
        byte[] needle = ("\"" + member + "\"").getBytes(StandardCharsets.ISO_8859_1);
        long records = 0;
        int i = needle.length;
        for (; i + 8 <= body.length; i += 8) {
            long colons = (long) LONGS.get(body, i) ^ 0x3A3A3A3A3A3A3A3AL; // ':' bytes become 0
            // The lowest 0 byte and every other 0 byte set their 0x80 bit here; so may a ';' above a 0 byte
            // (the borrow), which the check of the byte itself drops.
            long candidates = (colons - 0x0101010101010101L) & ~colons & 0x8080808080808080L;
            for (; candidates != 0; candidates &= candidates - 1) {
                int at = i + (Long.numberOfTrailingZeros(candidates) >>> 3);
                if (body[at] == ':' && endsWith(body, at, needle)) records++;
            }
        }
        for (; i < body.length; i++) {
            if (body[i] == ':' && endsWith(body, i, needle)) records++;
        }
        String tail = new String(body, Math.max(0, body.length - 4096), Math.min(body.length, 4096), StandardCharsets.UTF_8);
        int at = tail.lastIndexOf("\"" + next + "\"");
        String rest = at >= 0 ? tail.substring(at) : new String(body, StandardCharsets.UTF_8); // not at the end
        return new Page(records, jsonString(rest, next));
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Whether {@code needle} ends just before {@code end}, allowing no whitespace (servers here write none). */
    static boolean endsWith(byte[] body, int end, byte[] needle) {
        int start = end - needle.length;
        for (int k = 0; k < needle.length; k++) {
            if (body[start + k] != needle[k]) return false;
        }
        return true;
    }

    /** The string value of the first member {@code name}, or null when absent or null. */
    static String jsonString(String s, String name) {
        int i = s.indexOf("\"" + name + "\"");
        if (i < 0) return null;
        i = s.indexOf(':', i) + 1;
        while (Character.isWhitespace(s.charAt(i))) i++;
        if (s.charAt(i) != '"') return null; // null
        int end = s.indexOf('"', i + 1);
        return s.substring(i + 1, end).replace("\\/", "/");
    }

    static String abbrev(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    // ---------------------------------------------------------------- just enough CBOR

    /** Writes the definite-length maps, text strings and unsigned ints of the two small requests. */
    static final class Cbor {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        Cbor head(int major, long n) {
            if (n < 24) out.write(major << 5 | (int) n);
            else if (n < 256) { out.write(major << 5 | 24); out.write((int) n); }
            else if (n < 65536) { out.write(major << 5 | 25); out.write((int) (n >> 8)); out.write((int) n); }
            else { out.write(major << 5 | 26); for (int s = 24; s >= 0; s -= 8) out.write((int) (n >> s)); }
            return this;
        }

        Cbor map(int n) { return head(5, n); }

        Cbor uint(long n) { return head(0, n); }

        Cbor text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            head(3, b.length);
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() { return out.toByteArray(); }
    }

    /**
     * Walks a CBOR answer (definite or indefinite items): finds a top-level text member and counts the
     * items of the top-level "Records" array, skipping everything else.
     */
    static final class CborReader {
        record Found(String text, long records) {
        }

        private final byte[] b;
        private int p;

        CborReader(byte[] b) { this.b = b; }

        Found topLevel(String wanted) {
            int major = (b[p] & 0xff) >> 5;
            if (major != 5) throw new IllegalStateException("CBOR answer is not a map");
            long n = arg();
            String text = null;
            long records = 0;
            for (long i = 0; n < 0 ? (b[p] & 0xff) != 0xff : i < n; i++) {
                String key = readText();
                if (key.equals(wanted) && ((b[p] & 0xff) >> 5) == 3) {
                    text = readText();
                } else if (key.equals("Records")) {
                    long m = arg();
                    for (long j = 0; m < 0 ? (b[p] & 0xff) != 0xff : j < m; j++) {
                        skip();
                        records++;
                    }
                    if (m < 0) p++;
                } else {
                    skip();
                }
            }
            return new Found(text, records);
        }

        /** Reads an item's head and returns its argument, or -1 for indefinite length. */
        private long arg() {
            int info = b[p++] & 0x1f;
            if (info < 24) return info;
            if (info == 31) return -1;
            int len = 1 << (info - 24);
            long v = 0;
            for (int i = 0; i < len; i++) v = v << 8 | (b[p++] & 0xff);
            return v;
        }

        private String readText() {
            int start = p;
            long n = arg();
            if (n < 0) { // indefinite text: chunks until break
                StringBuilder sb = new StringBuilder();
                while ((b[p] & 0xff) != 0xff) sb.append(readText());
                p++;
                return sb.toString();
            }
            if (((b[start] & 0xff) >> 5) != 3) throw new IllegalStateException("expected text at " + start);
            String s = new String(b, p, (int) n, StandardCharsets.UTF_8);
            p += (int) n;
            return s;
        }

        private void skip() {
            int major = (b[p] & 0xff) >> 5;
            int info = b[p] & 0x1f;
            if (major == 7) { // simple values and floats
                p += 1 + (info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : info == 27 ? 8 : 0);
                return;
            }
            long n = arg();
            switch (major) {
                case 0, 1 -> { }
                case 2, 3 -> {
                    if (n >= 0) p += (int) n;
                    else { while ((b[p] & 0xff) != 0xff) skip(); p++; }
                }
                case 4, 5 -> {
                    long items = major == 5 && n >= 0 ? 2 * n : n;
                    if (n >= 0) for (long i = 0; i < items; i++) skip();
                    else { while ((b[p] & 0xff) != 0xff) skip(); p++; }
                }
                case 6 -> skip();
                default -> throw new IllegalStateException("bad CBOR major type " + major);
            }
        }
    }
}
