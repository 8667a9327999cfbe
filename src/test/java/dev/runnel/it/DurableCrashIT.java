package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 19's crash test of the durable file store: Runnel in a child JVM on one data directory is killed with SIGKILL
 * at random moments while four writers put records (PutRecord and PutRecords of 1–50 records, unique payloads over a
 * dozen partition keys spread across a 3-shard stream), then started again on the same directory and read back in
 * full.
 *
 * <p>Every record the writers attempted is tracked: acknowledged (with its shard and sequence number), refused (a
 * 4xx answer or a failed PutRecords entry) or unknown (the call was cut by the kill). After each restart the stream
 * must still be there (DescribeStream, same shards) and every shard is read from TRIM_HORIZON to its end. Checked:
 *
 * <ul>
 *   <li>every acknowledged record is there, in its shard, with its sequence number and bytes;
 *   <li>no record is read twice, none was invented, none that was refused appears;
 *   <li>sequence numbers strictly increase along each shard, and each writer's records of a shard appear in the order
 *       it wrote them and as a prefix of them: an unknown record may survive or not, but none survives after one of
 *       the same writer and shard that did not (no holes);
 *   <li>an unknown record that survived one restart survives every later one with the same sequence number, and one
 *       that did not never comes back;
 *   <li>the writes after a restart get sequence numbers above every record recovered in their shard.
 * </ul>
 *
 * <p>With {@code fsync=always} all of it is asserted over at least 20 kills. With {@code fsync=interval} (1 s) the
 * test prints how many acknowledged records each kill lost and how long before the kill they were acknowledged; it
 * asserts the rest, and that no loss is older than the interval plus a second. (A SIGKILL leaves the operating
 * system's page cache intact, so a store that hands its bytes to the OS before acknowledging loses nothing here; only
 * a power loss would show what the interval risks.)
 *
 * <p>Seeded: the kill moments, batch sizes, keys and payloads follow {@code -Dcrash.seed=N} (printed; a fresh one
 * by default), the number of kills with fsync=always {@code -Dcrash.kills=N} (20). Thread timing still varies
 * between runs. The child's output, all restarts appended, is in {@code
 * target/it-durable-crash-<fsync>.log}; the data under {@code target/it-durable-crash-<fsync>/}.
 */
class DurableCrashIT {

    private static final long SEED = Long.getLong("crash.seed", new SecureRandom().nextLong());
    /** SIGKILLs with fsync=always; more for a longer soak. */
    private static final int KILLS = Integer.getInteger("crash.kills", 20);

    private static final String STREAM = "crash";
    private static final int SHARDS = 3;
    private static final int KEYS_PER_SHARD = 4;
    private static final int WRITERS = 4;
    private static final int MAX_BATCH = 50;
    private static final Duration CALL = Duration.ofSeconds(30);
    private static final List<String> JVM =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    private static final List<String> SETTINGS = List.of(
            "--runnel.streams.create-delay=0", "--runnel.streams.delete-delay=0", "--runnel.limits.enabled=false");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void withFsyncAlwaysEveryAcknowledgedRecordSurvivesTwentySigkills() throws Exception {
        Crash crash = new Crash("always", List.of(), SEED, KILLS, 200, 1500, null);
        crash.run();

        assertThat(crash.acknowledgedTotal).as("records acknowledged").isPositive();
        assertThat(crash.acknowledgedShards).as("shards written to").hasSize(SHARDS);
    }

    @Test
    void withFsyncIntervalTheLossIsReportedAndBoundedByTheInterval() throws Exception {
        Duration interval = Duration.ofSeconds(1);
        Crash crash = new Crash(
                "interval",
                List.of("--runnel.storage.fsync-interval=" + interval.toSeconds() + "s"),
                SEED + 1,
                Math.min(3, KILLS),
                2500,
                3500,
                interval);
        crash.run();

        assertThat(crash.acknowledgedTotal).as("records acknowledged").isPositive();
    }

    /** What became of a record a writer attempted. */
    private enum State {
        /** Sent, no answer yet. */
        PENDING,
        /** Acknowledged with a shard and sequence number. */
        ACKED,
        /** Refused (4xx, or a failed PutRecords entry): must never be read. */
        REFUSED,
        /** The call was cut by the kill: it may or may not have been stored. */
        UNKNOWN,
        /** Unknown, and read after the restart: from then on it must stay, with the same sequence number. */
        SURVIVED,
        /** Unknown, and not there after the restart: it must never come back. */
        GONE,
        /** Acknowledged, and not there after the restart (allowed, and reported, only without fsync=always). */
        LOST
    }

    private static final class Attempt {
        final String id;
        final int cycle;
        final int writer;
        final long order;
        final String key;
        final String route;
        final byte[] data;
        volatile State state = State.PENDING;
        volatile String shard;
        volatile String sequence;
        volatile long ackedNanos;

        Attempt(int cycle, int writer, long order, String key, String route, byte[] data) {
            this.id = id(cycle, writer, order);
            this.cycle = cycle;
            this.writer = writer;
            this.order = order;
            this.key = key;
            this.route = route;
            byte[] prefix = (id + "|").getBytes(StandardCharsets.US_ASCII);
            this.data = new byte[prefix.length + data.length];
            System.arraycopy(prefix, 0, this.data, 0, prefix.length);
            System.arraycopy(data, 0, this.data, prefix.length, data.length);
        }

        static String id(int cycle, int writer, long order) {
            return "c" + cycle + "-w" + writer + "-n" + order;
        }

        /** The id at the head of a payload, or null if it has none. */
        static String idOf(byte[] data) {
            for (int i = 0; i < data.length && i < 64; i++) {
                if (data[i] == '|') {
                    return new String(data, 0, i, StandardCharsets.US_ASCII);
                }
            }
            return null;
        }

        String describe() {
            return id + " (key " + key + ", routes to " + route + ", " + state
                    + (sequence != null ? " as " + shard + "/" + sequence : "") + ")";
        }
    }

    /** A record as read back. */
    private record Seen(String shard, String sequence, BigInteger number, byte[] data) {}

    /** A shard and its hash key range. */
    private record Shard(String id, BigInteger start, BigInteger end) {}

    /** One run: a fresh data directory, {@code kills} SIGKILLs, one last start that is stopped gracefully. */
    private static final class Crash {
        final String fsync;
        final List<String> arguments;
        final long seed;
        final int kills;
        final int minWriteMillis;
        final int maxWriteMillis;
        /** Null with fsync=always: then no acknowledged record may be lost. */
        final Duration interval;

        final Random random;
        final Path dir;
        final String logName;
        final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
        final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Integer> refusals = new ConcurrentHashMap<>();
        final List<String> lossReport = new ArrayList<>();
        final Set<String> acknowledgedShards = ConcurrentHashMap.newKeySet();
        List<Shard> shards;
        List<String> keys;
        final Map<String, String> routes = new ConcurrentHashMap<>();
        long acknowledgedTotal;
        long killedAtNanos;

        Crash(
                String fsync,
                List<String> arguments,
                long seed,
                int kills,
                int minWriteMillis,
                int maxWriteMillis,
                Duration interval) {
            this.fsync = fsync;
            this.arguments = arguments;
            this.seed = seed;
            this.kills = kills;
            this.minWriteMillis = minWriteMillis;
            this.maxWriteMillis = maxWriteMillis;
            this.interval = interval;
            this.random = new Random(seed);
            this.dir = Path.of("target", "it-durable-crash-" + fsync).toAbsolutePath();
            this.logName = "it-durable-crash-" + fsync + ".log";
        }

        void run() throws Exception {
            System.out.printf(
                    "DurableCrashIT[%s]: seed %d (replay with -Dcrash.seed=%d), %d kills, data in %s, log in"
                            + " target/%s%n",
                    fsync, seed, SEED, kills, dir, logName);
            deleteRecursively(dir);
            Files.deleteIfExists(Path.of("target", logName));
            long began = System.nanoTime();
            List<Long> startMillis = new ArrayList<>();
            ChildRunnel child = null;
            try {
                for (int cycle = 0; cycle <= kills; cycle++) {
                    long starting = System.nanoTime();
                    List<String> all = new ArrayList<>(SETTINGS);
                    all.addAll(arguments);
                    child = ChildRunnel.startOnFiles(logName, dir, fsync, JVM, all);
                    child.awaitReady();
                    long started = millisSince(starting);
                    startMillis.add(started);
                    KinesisWire wire = new KinesisWire(child.port);
                    String recovered;
                    Map<String, BigInteger> tips;
                    if (cycle == 0) {
                        wire.createStream(STREAM, SHARDS, 1024);
                        shards = describe(wire, cycle);
                        assertThat(shards).as("shards of the new stream").hasSize(SHARDS);
                        keys = keysCoveringEveryShard();
                        tips = new HashMap<>();
                        recovered = "new stream";
                    } else {
                        assertThat(describe(wire, cycle))
                                .as("%s: the stream's shards after restart %d", context(cycle), cycle)
                                .isEqualTo(shards);
                        long verifying = System.nanoTime();
                        Verified verified = verify(wire, cycle, true);
                        tips = verified.tips;
                        recovered = verified.summary + " (checked in " + millisSince(verifying) + " ms)";
                    }

                    boolean last = cycle == kills;
                    int writeMillis = last ? 500 : minWriteMillis + random.nextInt(maxWriteMillis - minWriteMillis + 1);
                    String ending = writeFor(wire, cycle, writeMillis, last ? null : child);
                    List<String> violations = new ArrayList<>();
                    Map<State, Integer> outcomes = checkWrites(cycle, tips, last, violations);
                    System.out.printf(
                            "DurableCrashIT[%s] cycle %2d: started in %4d ms; %s; wrote %4d ms: %s, records %s%n",
                            fsync, cycle, started, recovered, writeMillis, ending, outcomes);
                    fail(cycle, "the writes of cycle " + cycle, violations);

                    if (last) {
                        Verified verified = verify(wire, cycle + 1, false);
                        System.out.printf("DurableCrashIT[%s] after the last writes: %s%n", fsync, verified.summary);
                        child.close();
                    }
                }
            } finally {
                if (child != null && child.isAlive()) {
                    child.kill();
                }
            }
            System.out.printf(
                    "DurableCrashIT[%s]: %d kills in %d s; child start %s ms (min/median/max); %d records"
                            + " acknowledged; refusals %s%s%n",
                    fsync,
                    kills,
                    millisSince(began) / 1000,
                    minMedianMax(startMillis),
                    acknowledgedTotal,
                    refusals,
                    interval == null ? "" : "; acknowledged records lost per kill: " + lossReport);
        }

        /**
         * Runs the writers for {@code millis}, then SIGKILLs {@code child} under them, or stops them when it is null;
         * waits for them. What happened, for the log.
         */
        private String writeFor(KinesisWire wire, int cycle, int millis, ChildRunnel child) throws Exception {
            long[] writerSeeds = new long[WRITERS];
            for (int w = 0; w < WRITERS; w++) {
                writerSeeds[w] = random.nextLong();
            }
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<Long>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> write(wire, cycle, writer, new Random(writerSeeds[writer]), stop)));
                }
                Thread.sleep(millis);
                String ending;
                if (child == null) {
                    stop.set(true);
                    ending = "stopped";
                } else {
                    killedAtNanos = System.nanoTime();
                    ending = "SIGKILL (exit " + child.kill() + ")";
                }
                long calls = 0;
                for (Future<Long> writer : writers) {
                    calls += writer.get(60, TimeUnit.SECONDS);
                }
                return calls + " calls, " + ending;
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }
        }

        /**
         * Checks the answers the writers got in this cycle: no 5xx, every record with an outcome (acknowledged,
         * refused, or unknown only if the server was killed), acknowledged in the shard its key routes to and above
         * {@code tips}, the last sequence numbers recovered; adds what is wrong to {@code violations}. How many
         * records ended how.
         */
        private Map<State, Integer> checkWrites(
                int cycle, Map<String, BigInteger> tips, boolean stoppedNotKilled, List<String> violations) {
            violations.addAll(serverErrors);
            Map<State, Integer> outcomes = new TreeMap<>();
            for (Attempt attempt : attempts.values()) {
                if (attempt.cycle != cycle) {
                    continue;
                }
                outcomes.merge(attempt.state, 1, Integer::sum);
                if (attempt.state == State.ACKED) {
                    acknowledgedTotal++;
                    acknowledgedShards.add(attempt.shard);
                    BigInteger tip = tips.get(attempt.shard);
                    if (!attempt.shard.equals(attempt.route)) {
                        violations.add("acknowledged in " + attempt.shard + " but its key routes to " + attempt.route
                                + ": " + attempt.describe());
                    }
                    if (tip != null && new BigInteger(attempt.sequence).compareTo(tip) <= 0) {
                        violations.add("a write after restart " + cycle + " got a sequence number not above " + tip
                                + ", the last recovered in its shard: " + attempt.describe());
                    }
                } else if (attempt.state == State.PENDING) {
                    violations.add("a writer left a record without an outcome: " + attempt.describe());
                } else if (stoppedNotKilled && attempt.state == State.UNKNOWN) {
                    violations.add("a call failed with no kill: " + attempt.describe());
                }
            }
            return outcomes;
        }

        /** One writer until {@code stop} or until a call fails (the server was killed); the calls it made. */
        private long write(KinesisWire wire, int cycle, int writer, Random random, AtomicBoolean stop)
                throws InterruptedException {
            long order = 0;
            long calls = 0;
            while (!stop.get()) {
                boolean single = random.nextInt(3) == 0;
                int count = single ? 1 : 1 + random.nextInt(MAX_BATCH);
                List<Attempt> batch = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    String key = keys.get(random.nextInt(keys.size()));
                    byte[] data = new byte[8 + random.nextInt(120)];
                    random.nextBytes(data);
                    Attempt attempt = new Attempt(cycle, writer, order++, key, route(key), data);
                    batch.add(attempt);
                    attempts.put(attempt.id, attempt);
                }
                ObjectNode body = JSON.createObjectNode().put("StreamName", STREAM);
                if (single) {
                    body.put("PartitionKey", batch.get(0).key)
                            .put("Data", Base64.getEncoder().encodeToString(batch.get(0).data));
                } else {
                    ArrayNode records = body.putArray("Records");
                    for (Attempt attempt : batch) {
                        records.addObject()
                                .put("PartitionKey", attempt.key)
                                .put("Data", Base64.getEncoder().encodeToString(attempt.data));
                    }
                }
                String operation = single ? "PutRecord" : "PutRecords";
                HttpResponse<byte[]> response;
                calls++;
                try {
                    response = wire.aws(operation, JSON.writeValueAsString(body), CALL);
                } catch (IOException cut) {
                    batch.forEach(attempt -> attempt.state = State.UNKNOWN);
                    return calls;
                }
                long answered = System.nanoTime();
                int status = response.statusCode();
                if (status >= 500) {
                    serverErrors.add(operation + " answered " + status + " " + text(response));
                    batch.forEach(attempt -> attempt.state = State.UNKNOWN);
                    continue;
                }
                if (status != 200) {
                    refusals.merge(
                            operation + " " + status + " "
                                    + KinesisWire.tree(response).path("__type").asString(),
                            1,
                            Integer::sum);
                    batch.forEach(attempt -> attempt.state = State.REFUSED);
                    continue;
                }
                JsonNode answer = KinesisWire.tree(response);
                if (single) {
                    acknowledge(batch.get(0), answer, answered);
                    continue;
                }
                JsonNode entries = answer.path("Records");
                if (entries.size() != batch.size()) {
                    serverErrors.add("PutRecords of " + batch.size() + " answered " + entries.size() + " entries");
                }
                for (int i = 0; i < batch.size(); i++) {
                    JsonNode entry = entries.path(i);
                    if (entry.hasNonNull("SequenceNumber")) {
                        acknowledge(batch.get(i), entry, answered);
                    } else {
                        String code = entry.path("ErrorCode").asString();
                        if ("InternalFailure".equals(code)) {
                            serverErrors.add("PutRecords entry failed: " + entry);
                            batch.get(i).state = State.UNKNOWN;
                        } else {
                            refusals.merge("PutRecords entry " + code, 1, Integer::sum);
                            batch.get(i).state = State.REFUSED;
                        }
                    }
                }
            }
            return calls;
        }

        private static void acknowledge(Attempt attempt, JsonNode answer, long answeredNanos) {
            attempt.shard = answer.path("ShardId").asString();
            attempt.sequence = answer.path("SequenceNumber").asString();
            attempt.ackedNanos = answeredNanos;
            attempt.state = State.ACKED;
        }

        private record Verified(Map<String, BigInteger> tips, String summary) {}

        /**
         * Reads every shard in full and checks it against what the writers were told; fails on any violation.
         * With {@code afterKill} the unknown records of the previous cycle are settled (survived or gone) and, for
         * fsync=interval, lost acknowledged records are reported and only their age is asserted.
         */
        private Verified verify(KinesisWire wire, int cycle, boolean afterKill) throws Exception {
            List<String> violations = new ArrayList<>();
            Map<String, Seen> seen = new HashMap<>();
            Map<String, BigInteger> tips = new HashMap<>();
            long read = 0;
            for (Shard shard : shards) {
                BigInteger previous = null;
                for (Seen record : readShard(wire, shard.id, cycle)) {
                    read++;
                    if (previous != null && record.number.compareTo(previous) <= 0) {
                        violations.add(shard.id + ": sequence number " + record.sequence + " follows " + previous);
                    }
                    previous = record.number;
                    String id = Attempt.idOf(record.data);
                    Attempt attempt = id == null ? null : attempts.get(id);
                    if (attempt == null) {
                        violations.add(shard.id + "/" + record.sequence + ": a record no writer attempted: "
                                + Base64.getEncoder().encodeToString(record.data));
                        continue;
                    }
                    Seen earlier = seen.put(id, record);
                    if (earlier != null) {
                        violations.add("read twice, as " + earlier.shard + "/" + earlier.sequence + " and " + shard.id
                                + "/" + record.sequence + ": " + attempt.describe());
                        continue;
                    }
                    if (!Arrays.equals(record.data, attempt.data)) {
                        violations.add(
                                shard.id + "/" + record.sequence + ": other bytes than written: " + attempt.describe());
                    }
                    if (!shard.id.equals(attempt.route)) {
                        violations.add("read in " + shard.id + ", not where its key routes: " + attempt.describe());
                    }
                    switch (attempt.state) {
                        case ACKED, SURVIVED -> {
                            if (!shard.id.equals(attempt.shard) || !record.sequence.equals(attempt.sequence)) {
                                violations.add("read under another sequence number, " + shard.id + "/" + record.sequence
                                        + ", than it had: " + attempt.describe());
                            }
                        }
                        case UNKNOWN -> {}
                        default ->
                            violations.add("read, as " + shard.id + "/" + record.sequence
                                    + ", a record that must not be there: " + attempt.describe());
                    }
                }
                if (previous != null) {
                    tips.put(shard.id, previous);
                }
            }

            Map<String, List<Attempt>> byWriterAndShard = new HashMap<>();
            int unknown = 0;
            int survived = 0;
            List<Attempt> lost = new ArrayList<>();
            for (Attempt attempt : attempts.values()) {
                Seen record = seen.get(attempt.id);
                switch (attempt.state) {
                    case ACKED -> {
                        if (record == null) {
                            lost.add(attempt);
                        }
                    }
                    case SURVIVED -> {
                        if (record == null) {
                            violations.add("a record read after an earlier restart is gone: " + attempt.describe());
                        }
                    }
                    case UNKNOWN -> {
                        unknown++;
                        if (record != null) {
                            survived++;
                        }
                    }
                    default -> {}
                }
                if (attempt.state != State.REFUSED) {
                    byWriterAndShard
                            .computeIfAbsent(
                                    attempt.cycle + "/" + attempt.writer + "/" + attempt.route, k -> new ArrayList<>())
                            .add(attempt);
                }
            }
            checkEachWritersOrder(byWriterAndShard.values(), seen, violations);

            String loss = checkLoss(lost, afterKill, violations);
            fail(cycle, "verification after " + (afterKill ? "restart " + cycle : "the last writes"), violations);

            for (Attempt attempt : attempts.values()) {
                Seen record = seen.get(attempt.id);
                if (attempt.state == State.UNKNOWN) {
                    if (record != null) {
                        attempt.shard = record.shard;
                        attempt.sequence = record.sequence;
                        attempt.state = State.SURVIVED;
                    } else {
                        attempt.state = State.GONE;
                    }
                } else if (attempt.state == State.ACKED && record == null) {
                    attempt.state = State.LOST;
                }
            }
            String summary = String.format(
                    "read %d records, %s, %d of %d unknown survived",
                    read, lost.isEmpty() ? "every acknowledged one intact" : loss, survived, unknown);
            return new Verified(tips, summary);
        }

        /**
         * Each writer's records of a shard, in the order it wrote them, are read as a prefix of them (no holes) with
         * increasing sequence numbers.
         */
        private static void checkEachWritersOrder(
                Collection<List<Attempt>> byWriterAndShard, Map<String, Seen> seen, List<String> violations) {
            for (List<Attempt> written : byWriterAndShard) {
                written.sort(Comparator.comparingLong(attempt -> attempt.order));
                Attempt missing = null;
                boolean holeReported = false;
                BigInteger previous = null;
                Attempt previousAttempt = null;
                for (Attempt attempt : written) {
                    Seen record = seen.get(attempt.id);
                    if (record == null) {
                        missing = missing == null ? attempt : missing;
                        continue;
                    }
                    if (missing != null && !holeReported) {
                        violations.add("a hole: " + attempt.describe() + " was read but " + missing.describe()
                                + ", written before it by the same writer to the same shard, was not"
                                + " (reported once per writer and shard)");
                        holeReported = true;
                    }
                    if (previous != null && record.number.compareTo(previous) <= 0) {
                        violations.add("out of the writer's order: " + attempt.describe() + " read as "
                                + record.sequence + ", not after " + previousAttempt.describe() + " read as "
                                + previous);
                    }
                    previous = record.number;
                    previousAttempt = attempt;
                }
            }
        }

        /**
         * Acknowledged records that were not read: violations with fsync=always and after the last writes; with
         * fsync=interval after a kill, reported, and violations only if acknowledged longer than the interval and a
         * second before the kill. The report, or "" if nothing was lost.
         */
        private String checkLoss(List<Attempt> lost, boolean afterKill, List<String> violations) {
            String loss = "";
            if (!lost.isEmpty()) {
                lost.sort(Comparator.comparingLong(attempt -> attempt.ackedNanos));
                if (interval == null || !afterKill) {
                    for (Attempt attempt : lost.subList(0, Math.min(20, lost.size()))) {
                        violations.add("an acknowledged record is missing: " + attempt.describe()
                                + (afterKill ? ", acknowledged " + millisBefore(attempt) + " ms before the kill" : ""));
                    }
                    if (lost.size() > 20) {
                        violations.add("and " + (lost.size() - 20) + " more acknowledged records are missing");
                    }
                } else {
                    long oldest = millisBefore(lost.get(0));
                    long newest = millisBefore(lost.get(lost.size() - 1));
                    loss = String.format(
                            "LOST %d acknowledged records, acknowledged %d to %d ms before the kill",
                            lost.size(), newest, oldest);
                    lossReport.add(lost.size() + " (" + newest + "-" + oldest + " ms before)");
                    long bound = interval.toMillis() + 1000;
                    for (Attempt attempt : lost) {
                        if (millisBefore(attempt) > bound) {
                            violations.add("an acknowledged record is missing although it was acknowledged "
                                    + millisBefore(attempt) + " ms (more than the interval and a second) before"
                                    + " the kill: " + attempt.describe());
                        }
                    }
                }
            } else if (interval != null && afterKill) {
                lossReport.add("0");
            }
            return loss;
        }

        private long millisBefore(Attempt attempt) {
            return (killedAtNanos - attempt.ackedNanos) / 1_000_000;
        }

        /** Every record of a shard, TRIM_HORIZON to the end (an empty page at MillisBehindLatest 0). */
        private List<Seen> readShard(KinesisWire wire, String shard, int cycle) throws Exception {
            HttpResponse<byte[]> got = wire.aws(
                    "GetShardIterator",
                    JSON.writeValueAsString(JSON.createObjectNode()
                            .put("StreamName", STREAM)
                            .put("ShardId", shard)
                            .put("ShardIteratorType", "TRIM_HORIZON")),
                    CALL);
            assertThat(got.statusCode())
                    .as("%s: GetShardIterator %s answered %s", context(cycle), shard, text(got))
                    .isEqualTo(200);
            String iterator = KinesisWire.tree(got).path("ShardIterator").asString();
            List<Seen> records = new ArrayList<>();
            for (int page = 0; ; page++) {
                assertThat(page).as("%s: pages of %s", context(cycle), shard).isLessThan(10_000);
                HttpResponse<byte[]> response = wire.aws(
                        "GetRecords",
                        JSON.writeValueAsString(JSON.createObjectNode()
                                .put("ShardIterator", iterator)
                                .put("Limit", 10_000)),
                        CALL);
                assertThat(response.statusCode())
                        .as("%s: GetRecords of %s answered %s", context(cycle), shard, text(response))
                        .isEqualTo(200);
                JsonNode answer = KinesisWire.tree(response);
                for (JsonNode record : answer.path("Records")) {
                    String sequence = record.path("SequenceNumber").asString();
                    records.add(new Seen(
                            shard,
                            sequence,
                            new BigInteger(sequence),
                            Base64.getDecoder().decode(record.path("Data").asString())));
                }
                if (answer.path("Records").isEmpty()
                        && answer.path("MillisBehindLatest").asLong(-1) == 0) {
                    return records;
                }
                iterator = answer.path("NextShardIterator").asString(null);
                assertThat(iterator)
                        .as("%s: NextShardIterator of open shard %s", context(cycle), shard)
                        .isNotNull();
            }
        }

        /** The stream's shards, once it is ACTIVE; fails if it is not there. */
        private List<Shard> describe(KinesisWire wire, int cycle) throws Exception {
            for (int i = 0; ; i++) {
                HttpResponse<byte[]> response = wire.aws(
                        "DescribeStream",
                        JSON.writeValueAsString(JSON.createObjectNode().put("StreamName", STREAM)),
                        CALL);
                assertThat(response.statusCode())
                        .as("%s: DescribeStream answered %s", context(cycle), text(response))
                        .isEqualTo(200);
                JsonNode description = KinesisWire.tree(response).path("StreamDescription");
                if ("ACTIVE".equals(description.path("StreamStatus").asString())) {
                    List<Shard> found = new ArrayList<>();
                    for (JsonNode shard : description.path("Shards")) {
                        found.add(new Shard(
                                shard.path("ShardId").asString(),
                                new BigInteger(shard.path("HashKeyRange")
                                        .path("StartingHashKey")
                                        .asString()),
                                new BigInteger(shard.path("HashKeyRange")
                                        .path("EndingHashKey")
                                        .asString())));
                    }
                    return found;
                }
                assertThat(i)
                        .as("%s: the stream is ACTIVE within 10 s: %s", context(cycle), description)
                        .isLessThan(100);
                Thread.sleep(100);
            }
        }

        /** Partition keys, {@link #KEYS_PER_SHARD} routing to each shard; notes the route of each. */
        private List<String> keysCoveringEveryShard() {
            Map<String, List<String>> byShard = new LinkedHashMap<>();
            for (int i = 0; byShard.values().stream().mapToInt(List::size).sum() < KEYS_PER_SHARD * SHARDS; i++) {
                String key = "pk-" + i;
                String shard = hashRoute(key);
                List<String> shardKeys = byShard.computeIfAbsent(shard, k -> new ArrayList<>());
                if (shardKeys.size() < KEYS_PER_SHARD) {
                    shardKeys.add(key);
                    routes.put(key, shard);
                }
            }
            return byShard.values().stream().flatMap(List::stream).toList();
        }

        private String route(String key) {
            return routes.get(key);
        }

        /** The shard a partition key routes to: the unsigned MD5 of its UTF-8 bytes, in a shard's hash range. */
        private String hashRoute(String key) {
            BigInteger hash;
            try {
                hash = new BigInteger(1, MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            for (Shard shard : shards) {
                if (hash.compareTo(shard.start) >= 0 && hash.compareTo(shard.end) <= 0) {
                    return shard.id;
                }
            }
            throw new IllegalStateException("no shard holds hash key " + hash);
        }

        private String context(int cycle) {
            return "seed " + seed + ", fsync=" + fsync + ", cycle " + cycle;
        }

        private void fail(int cycle, String what, List<String> violations) {
            if (violations.isEmpty()) {
                return;
            }
            StringBuilder message = new StringBuilder(context(cycle) + ", " + what + ": " + violations.size()
                    + " violations (child log: target/" + logName + ")");
            violations.stream()
                    .limit(30)
                    .forEach(v ->
                            message.append(System.lineSeparator()).append("  ").append(v));
            throw new AssertionError(message.toString());
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String minMedianMax(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(0) + "/" + sorted.get(sorted.size() / 2) + "/" + sorted.get(sorted.size() - 1);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
