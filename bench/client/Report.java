import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns bench/run.sh's results.tsv (round, target, metric, value, valid, note) into a markdown table:
 * per workload and target the median and min–max of the valid rounds, then Runnel / peer for each round
 * (both valid) and the median of those ratios. The durable store's targets (runnel-file-*) are Runnel too: they get
 * no "Runnel / x" column but a section of their own, with their ratios to Runnel (the in-memory store) and to
 * kinesalite-disk against issue 19's targets. Runnel on Kafka (runnel-kafka) likewise: a section with its ratios to
 * Runnel (the in-memory store), its p99 and the CPU cost of Runnel and of the Kafka broker (issue 20). The CPU cost
 * of every target (CPU-seconds per million records: server, broker, load generator) has a section of its own.
 * Usage: java Report results.tsv [machine.txt]
 */
public class Report {

    /** Metric id -> label, unit, whether higher is better. Listed in report order. */
    static final String[][] METRICS = {
        {"startup", "Startup to first ListStreams", "s", "lower"},
        {"startup-jar", "Startup to first ListStreams, plain java -jar", "s", "lower"},
        {"startup-cpu", "Startup to first ListStreams, CPU time of the server", "CPU-s", "lower"},
        {"startup-jar-cpu", "Startup to first ListStreams, plain java -jar, CPU time", "CPU-s", "lower"},
        {"put-aws", "PutRecord, AWS JSON", "records/s", "higher"},
        {"put-aws.p50", "PutRecord, AWS JSON, p50", "ms", "lower"},
        {"put-aws.p99", "PutRecord, AWS JSON, p99", "ms", "lower"},
        {"put-rest", "PutRecord, REST", "records/s", "higher"},
        {"put-rest.p50", "PutRecord, REST, p50", "ms", "lower"},
        {"put-rest.p99", "PutRecord, REST, p99", "ms", "lower"},
        {"puts-aws", "PutRecords ×500, AWS JSON", "records/s", "higher"},
        {"puts-aws.p50", "PutRecords ×500, AWS JSON, p50", "ms", "lower"},
        {"puts-aws.p99", "PutRecords ×500, AWS JSON, p99", "ms", "lower"},
        {"puts-rest", "PutRecords ×500, REST", "records/s", "higher"},
        {"puts-rest.p50", "PutRecords ×500, REST, p50", "ms", "lower"},
        {"puts-rest.p99", "PutRecords ×500, REST, p99", "ms", "lower"},
        {"get-json", "GetRecords, AWS JSON", "records/s", "higher"},
        {"get-json.p50", "GetRecords, AWS JSON, p50 of a call (Limit 10000, measured passes)", "ms", "lower"},
        {"get-json.p99", "GetRecords, AWS JSON, p99 of a call (Limit 10000, measured passes)", "ms", "lower"},
        {"get-cbor", "GetRecords, AWS CBOR", "records/s", "higher"},
        {"get-cbor.p50", "GetRecords, AWS CBOR, p50 of a call (Limit 10000, measured passes)", "ms", "lower"},
        {"get-cbor.p99", "GetRecords, AWS CBOR, p99 of a call (Limit 10000, measured passes)", "ms", "lower"},
        {"get-rest", "GetRecords, REST", "records/s", "higher"},
        {"get-rest.p50", "GetRecords, REST, p50 of a call (Limit 10000, measured passes)", "ms", "lower"},
        {"get-rest.p99", "GetRecords, REST, p99 of a call (Limit 10000, measured passes)", "ms", "lower"},
        {"fanout-1", "Fan-out, 1 consumer × 4 shards, delivered", "records/s", "higher"},
        {"fanout-1.p50", "Fan-out, 1 consumer, put→receive p50 at a steady 2,000 records/s", "ms", "lower"},
        {"fanout-1.p99", "Fan-out, 1 consumer, put→receive p99 at a steady 2,000 records/s", "ms", "lower"},
        {"fanout-5", "Fan-out, 5 consumers × 4 shards, delivered", "records/s", "higher"},
        {"fanout-5.p50", "Fan-out, 5 consumers, put→receive p50 at a steady 2,000 records/s", "ms", "lower"},
        {"fanout-5.p99", "Fan-out, 5 consumers, put→receive p99 at a steady 2,000 records/s", "ms", "lower"},
        {"fanout-20", "Fan-out, 20 consumers × 4 shards, delivered", "records/s", "higher"},
        {"fanout-20.p50", "Fan-out, 20 consumers, put→receive p50 at a steady 2,000 records/s", "ms", "lower"},
        {"fanout-20.p99", "Fan-out, 20 consumers, put→receive p99 at a steady 2,000 records/s", "ms", "lower"},
        {"memory.rss", "Memory per record, RSS growth", "B", "lower"},
        {"memory.rss-fresh", "Memory per record, RSS growth from a fresh server", "B", "lower"},
        {"memory.heap", "Memory per record, live heap growth", "B", "lower"},
        {"retained.written", "Retained (retained-file): record data written", "MiB", "higher"},
        {"retained.puts", "Retained: PutRecords ×500 while retaining", "records/s", "higher"},
        {"retained.heap.10", "Retained: live heap after a full GC at 10% written", "MiB", "lower"},
        {"retained.heap.50", "Retained: live heap after a full GC at 50%", "MiB", "lower"},
        {"retained.heap.100", "Retained: live heap after a full GC at 100%", "MiB", "lower"},
        {"retained.heap.flat", "Retained: live heap at 100% / at 10% (flat: about 1)", "×", "lower"},
        {"retained.rss.10", "Retained: RSS at 10% written", "MiB", "lower"},
        {"retained.rss.50", "Retained: RSS at 50%", "MiB", "lower"},
        {"retained.rss.100", "Retained: RSS at 100%", "MiB", "lower"},
        {"retained.rss.flat", "Retained: RSS at 100% / at 10% (flat: about 1)", "×", "lower"},
        {"retained.disk.10", "Retained: data dir at 10% written", "MiB", "lower"},
        {"retained.disk.50", "Retained: data dir at 50%", "MiB", "lower"},
        {"retained.disk.100", "Retained: data dir at 100%", "MiB", "lower"},
        {"retained.read", "Retained: sample read of shard 0 from TRIM_HORIZON, AWS JSON", "records/s", "higher"},
        {"retained.heap.read", "Retained: live heap after the sample read", "MiB", "lower"},
    };

    /** Issue 19's targets: metric, file target, reference, the least ratio file / reference. */
    static final String[][] DURABLE_TARGETS = {
        {"puts-aws", "runnel-file-interval", "runnel", "0.7"},
        {"puts-aws", "runnel-file-always", "kinesalite-disk", "20"},
        {"get-json", "runnel-file-interval", "runnel", "0.5"},
        {"get-json", "runnel-file-always", "runnel", "0.5"},
        {"get-cbor", "runnel-file-interval", "runnel", "0.5"},
        {"get-cbor", "runnel-file-always", "runnel", "0.5"},
    };
    static final List<String> FILE_TARGETS = List.of("runnel-file-interval", "runnel-file-always");
    /** Targets that run Runnel's jar with another store: no "Runnel / x" column, a section of their own. */
    static final List<String> RUNNEL_TARGETS = List.of("runnel-kafka", "runnel-file-interval", "runnel-file-always");
    /** Workloads whose measured run has a CPU cost (run.sh: metric.cpu, metric.cpu-broker, metric.cpu-client). */
    static final List<String> CPU_METRICS = List.of("put-aws", "put-rest", "puts-aws", "puts-rest", "get-json",
            "get-cbor", "get-rest");
    static final List<String> DURABLE_METRICS = List.of("put-aws", "put-rest", "puts-aws", "puts-rest", "get-json",
            "get-cbor", "get-rest");

    record Row(int round, String target, String metric, Double value, boolean valid, String note) {
    }

    public static void main(String[] args) throws Exception {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            Double v = f[3].isBlank() ? null : Double.valueOf(f[3]);
            rows.add(new Row(Integer.parseInt(f[0]), f[1], f[2], v, f[4].equals("1") && v != null, f.length > 5 ? f[5].trim() : ""));
        }
        Set<String> targets = new LinkedHashSet<>();
        for (String t : List.of("runnel", "runnel-kafka", "runnel-file-interval", "runnel-file-always", "kinesalite",
                "kinesalite-disk", "kinesis-mock", "ceiling")) {
            if (rows.stream().anyMatch(r -> r.target.equals(t))) targets.add(t);
        }
        rows.forEach(r -> targets.add(r.target));
        List<String> peers = targets.stream().filter(t -> !t.equals("runnel") && !RUNNEL_TARGETS.contains(t)).toList();
        boolean hasRunnel = targets.contains("runnel");

        StringBuilder out = new StringBuilder("# Runnel side-by-side benchmark\n\n");
        if (args.length > 1) {
            out.append("```\n").append(Files.readString(Path.of(args[1])).strip()).append("\n```\n\n");
        }
        out.append("Cells: median (min–max) over the valid rounds. Ratios: Runnel / peer in each round where both ")
           .append("runs are valid, → median ratio (for \"lower is better\" rows a ratio below 1 favours Runnel). ")
           .append("A run with socket errors, timeouts, non-2xx answers or failed records is INVALID and left out.\n\n");
        out.append("| Workload | Unit | Better |");
        targets.forEach(t -> out.append(' ').append(name(t)).append(" |"));
        if (hasRunnel) peers.forEach(p -> out.append(" Runnel / ").append(name(p)).append(" |"));
        out.append("\n|---|---|---|");
        targets.forEach(t -> out.append("---|"));
        if (hasRunnel) peers.forEach(p -> out.append("---|"));
        out.append('\n');

        Map<String, Set<String>> notes = new TreeMap<>();
        for (String[] m : METRICS) {
            String metric = m[0];
            if (rows.stream().noneMatch(r -> r.metric.equals(metric))) continue;
            out.append("| ").append(m[1]).append(" | ").append(m[2]).append(" | ").append(m[3]).append(" |");
            for (String t : targets) {
                List<Row> runs = rows.stream().filter(r -> r.target.equals(t) && r.metric.equals(metric)).toList();
                List<Double> valid = runs.stream().filter(Row::valid).map(Row::value).sorted().toList();
                long invalid = runs.size() - valid.size();
                String cell;
                if (runs.isEmpty()) cell = "n/a";
                else if (valid.isEmpty()) cell = "**INVALID** (" + invalid + "/" + runs.size() + ")";
                else {
                    cell = fmt(median(valid)) + (valid.size() > 1 ? " (" + fmt(valid.get(0)) + "–" + fmt(valid.get(valid.size() - 1)) + ")" : "");
                    if (invalid > 0) cell += " ⚠ INVALID " + invalid + "/" + runs.size();
                }
                out.append(' ').append(cell).append(" |");
                runs.stream().filter(r -> !r.note.isBlank()).forEach(r ->
                        notes.computeIfAbsent(name(t) + ", " + m[1], k -> new LinkedHashSet<>()).add("round " + r.round + ": " + r.note));
            }
            if (hasRunnel) {
                for (String p : peers) {
                    out.append(' ').append(ratioCell(ratios(rows, "runnel", p, metric))).append(" |");
                }
            }
            out.append('\n');
        }
        durable(rows, targets, out);
        kafka(rows, targets, out);
        cpu(rows, targets, out);
        if (!notes.isEmpty()) {
            out.append("\nNotes (N = records actually preloaded when fewer than asked, within LOAD_TIMEOUT):\n\n");
            notes.forEach((k, v) -> out.append("- ").append(k).append(": ").append(String.join("; ", v)).append('\n'));
        }
        System.out.print(out);
    }

    /**
     * Issue 19's section: for each file target and records/s workload, file / Runnel (memory) and file /
     * kinesalite-disk per round, with the target where it sets one.
     */
    static void durable(List<Row> rows, Set<String> targets, StringBuilder out) {
        List<String> files = FILE_TARGETS.stream().filter(targets::contains).toList();
        List<String> refs = List.of("runnel", "kinesalite-disk").stream().filter(targets::contains).toList();
        if (files.isEmpty()) return;
        out.append("\n## Durable store (issue 19)\n\nFile store / reference in each round where both runs are valid, ")
           .append("→ median; the target is issue 19's where it sets one (met: median at least the target).\n\n")
           .append("| Workload | Ratio | Per round → median | Target | Verdict |\n|---|---|---|---|---|\n");
        for (String[] m : METRICS) {
            if (!DURABLE_METRICS.contains(m[0])) continue;
            for (String f : files) {
                for (String ref : refs) {
                    if (byRound(rows, f, m[0]).isEmpty() || byRound(rows, ref, m[0]).isEmpty()) continue;
                    List<Double> ratios = ratios(rows, f, ref, m[0]);
                    String least = null;
                    for (String[] t : DURABLE_TARGETS) {
                        if (t[0].equals(m[0]) && t[1].equals(f) && t[2].equals(ref)) least = t[3];
                    }
                    String verdict = least == null ? "" : ratios.isEmpty() ? "no valid pair"
                            : median(ratios.stream().sorted().toList()) >= Double.parseDouble(least) ? "met" : "**missed**";
                    out.append("| ").append(m[1]).append(", ").append(m[2]).append(" | ").append(name(f)).append(" / ")
                       .append(ref.equals("runnel") ? "Runnel (memory)" : name(ref)).append(" | ").append(ratioCell(ratios)).append(" | ")
                       .append(least == null ? "" : "≥ " + least + "×").append(" | ").append(verdict).append(" |\n");
                }
            }
        }
        for (String metric : List.of("retained.heap.flat", "retained.rss.flat")) {
            List<Double> valid = rows.stream().filter(r -> r.metric.equals(metric) && r.valid).map(Row::value).toList();
            if (rows.stream().noneMatch(r -> r.metric.equals(metric))) continue;
            String label = metric.contains("heap") ? "live heap after a full GC" : "RSS";
            out.append("| Retained ").append(label).append(", 100% / 10% written | runnel-file-interval | ")
               .append(valid.isEmpty() ? "**INVALID**" : ratioCell(valid))
               .append(" | flat (about 1×) | |\n");
        }
    }

    /**
     * Issue 20's section: Runnel on Kafka against Runnel (memory) for each records/s workload both ran: records/s,
     * runnel-kafka / runnel per round → median, p99 of each, and CPU-seconds per million records of Runnel on Kafka,
     * of the Kafka broker, of both together and of Runnel (memory).
     */
    static void kafka(List<Row> rows, Set<String> targets, StringBuilder out) {
        if (!targets.contains("runnel-kafka")) return;
        out.append("\n## Runnel on Kafka (issue 20)\n\nOne Runnel node on one Kafka broker, both on this machine's cores with the ")
           .append("load generator: the cost per record of each, not how far several nodes scale. Ratio: runnel-kafka / ")
           .append("Runnel (memory) in each round where both runs are valid, → median. CPU: CPU-seconds per million records ")
           .append("during the measured run, median over the valid rounds.\n\n")
           .append("| Workload | Runnel on Kafka, records/s | Runnel (memory), records/s | Kafka / memory | p99 on Kafka (ms) ")
           .append("| p99 memory (ms) | CPU: Runnel on Kafka | CPU: Kafka broker | CPU: both | CPU: Runnel (memory) |\n")
           .append("|---|---|---|---|---|---|---|---|---|---|\n");
        boolean any = false;
        for (String[] m : METRICS) {
            if (!CPU_METRICS.contains(m[0]) || byRound(rows, "runnel-kafka", m[0]).isEmpty()) continue;
            String w = m[0];
            any = true;
            out.append("| ").append(m[1]).append(" | ").append(cell(rows, "runnel-kafka", w)).append(" | ")
               .append(cell(rows, "runnel", w)).append(" | ").append(ratioCell(ratios(rows, "runnel-kafka", "runnel", w)))
               .append(" | ").append(cell(rows, "runnel-kafka", w + ".p99")).append(" | ").append(cell(rows, "runnel", w + ".p99"))
               .append(" | ").append(cell(rows, "runnel-kafka", w + ".cpu")).append(" | ")
               .append(cell(rows, "runnel-kafka", w + ".cpu-broker")).append(" | ")
               .append(sumCell(rows, "runnel-kafka", w + ".cpu", w + ".cpu-broker")).append(" | ")
               .append(cell(rows, "runnel", w + ".cpu")).append(" |\n");
        }
        if (!any) out.append("| no records/s workload of runnel-kafka ran (see the notes: did it start?) | | | | | | | | | |\n");
    }

    /**
     * The CPU cost of every target: for each workload and target, CPU-seconds per million records of the server, of
     * the Kafka broker (runnel-kafka), of both, and of the load generator (wrk, or the reader's JVM), with the
     * records/s of the same runs.
     */
    static void cpu(List<Row> rows, Set<String> targets, StringBuilder out) {
        if (rows.stream().noneMatch(r -> r.metric.endsWith(".cpu"))) return;
        out.append("\n## CPU cost\n\nCPU-seconds (user + system, from /proc/PID/stat, every thread of the server's process ")
           .append("group) per million records, spent during the measured run only (the wrk run after its warm-up; the ")
           .append("measured read passes). Median (min–max) over the valid rounds. The load generator shares the cores: its ")
           .append("cost is not the server's. Cores needed for R records/s: R × CPU-s per million / 1,000,000. ")
           .append("Other processes: the cores every other process (and the hypervisor's steal) took during the same ")
           .append("run, from /proc/stat; a quiet machine shows a few hundredths, more means the run shared the machine. ")
           .append("JIT: the cores a JVM's JIT compiler threads took during the same run (part of the server's cost); ")
           .append("more than a few hundredths means the warm-up did not reach steady state.\n\n")
           .append("| Workload | Target | records/s | Server | Kafka broker | Server + broker | Load generator | Other processes (cores) | JIT (cores) |\n")
           .append("|---|---|---|---|---|---|---|---|---|\n");
        for (String[] m : METRICS) {
            if (!CPU_METRICS.contains(m[0])) continue;
            String w = m[0];
            for (String t : targets) {
                if (byRound(rows, t, w + ".cpu").isEmpty()) continue;
                boolean broker = !byRound(rows, t, w + ".cpu-broker").isEmpty();
                out.append("| ").append(m[1]).append(" | ").append(name(t)).append(" | ").append(cell(rows, t, w))
                   .append(" | ").append(cell(rows, t, w + ".cpu")).append(" | ")
                   .append(broker ? cell(rows, t, w + ".cpu-broker") : "–").append(" | ")
                   .append(broker ? sumCell(rows, t, w + ".cpu", w + ".cpu-broker") : "–").append(" | ")
                   .append(cell(rows, t, w + ".cpu-client")).append(" | ")
                   .append(cell(rows, t, w + ".other")).append(" | ")
                   .append(byRound(rows, t, w + ".jit").isEmpty() ? "–" : cell(rows, t, w + ".jit")).append(" |\n");
            }
        }
        List<String> busy = rows.stream()
                .filter(r -> r.metric.endsWith(".other") && r.value != null && r.value > BUSY_CORES)
                .map(r -> "round " + r.round + " " + name(r.target) + " " + r.metric.replace(".other", "") + " ("
                        + fmt(r.value) + ")")
                .toList();
        out.append(busy.isEmpty()
                ? "\nNo measured run shared the machine with more than " + BUSY_CORES + " cores of other work.\n"
                : "\n**Runs that shared the machine** (other processes above " + BUSY_CORES + " cores; their figures are "
                        + "suspect): " + String.join(", ", busy) + ".\n");
    }

    /** Cores of other work during a measured run above which the report calls the run shared. */
    static final double BUSY_CORES = 0.25;

    /** Median (min–max) of a target's valid runs of a metric, as in the main table; "n/a" or INVALID otherwise. */
    static String cell(List<Row> rows, String target, String metric) {
        List<Row> runs = rows.stream().filter(r -> r.target.equals(target) && r.metric.equals(metric)).toList();
        return cell(runs.stream().filter(Row::valid).map(Row::value).sorted().toList(), runs.size());
    }

    static String cell(List<Double> valid, int runs) {
        if (runs == 0) return "n/a";
        if (valid.isEmpty()) return "**INVALID** (" + runs + "/" + runs + ")";
        String cell = fmt(median(valid)) + (valid.size() > 1 ? " (" + fmt(valid.get(0)) + "–" + fmt(valid.get(valid.size() - 1)) + ")" : "");
        return valid.size() < runs ? cell + " ⚠ INVALID " + (runs - valid.size()) + "/" + runs : cell;
    }

    /** Like cell, of a + b in each round where both are valid. */
    static String sumCell(List<Row> rows, String target, String a, String b) {
        Map<Integer, Row> as = byRound(rows, target, a), bs = byRound(rows, target, b);
        List<Double> sums = new ArrayList<>();
        for (var e : as.entrySet()) {
            Row other = bs.get(e.getKey());
            if (e.getValue().valid && other != null && other.valid) sums.add(e.getValue().value + other.value);
        }
        return cell(sums.stream().sorted().toList(), as.size());
    }

    /** a / b in each round where both runs are valid. */
    static List<Double> ratios(List<Row> rows, String a, String b, String metric) {
        List<Double> ratios = new ArrayList<>();
        Map<Integer, Row> mine = byRound(rows, a, metric), theirs = byRound(rows, b, metric);
        for (var e : mine.entrySet()) {
            Row other = theirs.get(e.getKey());
            if (e.getValue().valid && other != null && other.valid && other.value != 0) {
                ratios.add(e.getValue().value / other.value);
            }
        }
        return ratios;
    }

    static String ratioCell(List<Double> ratios) {
        return ratios.isEmpty() ? "–" : String.join(", ", ratios.stream().map(Report::ratio).toList())
                + " → **" + ratio(median(ratios.stream().sorted().toList())) + "**";
    }

    static Map<Integer, Row> byRound(List<Row> rows, String target, String metric) {
        Map<Integer, Row> m = new LinkedHashMap<>();
        rows.stream().filter(r -> r.target.equals(target) && r.metric.equals(metric)).forEach(r -> m.put(r.round, r));
        return m;
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String name(String target) {
        return switch (target) {
            case "runnel" -> "Runnel";
            case "ceiling" -> "Spring ceiling";
            default -> target;
        };
    }

    static String fmt(double v) {
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.0f×" : "%.2f×", r);
    }
}
