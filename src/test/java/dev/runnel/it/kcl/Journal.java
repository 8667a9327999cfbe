package dev.runnel.it.kcl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the workers wrote with {@link JournalingProcessor}, read back: lines in file order, per worker. */
record Journal(List<Line> lines) {

    /** One journal line: kind, worker, wall time (epoch µs), shard and the rest of the fields. */
    record Line(String kind, String worker, long micros, String shardId, List<String> rest) {

        BigInteger sequenceNumber() {
            return new BigInteger(rest.get(0));
        }

        String partitionKey() {
            return rest.get(1);
        }

        String payload() {
            return rest.get(2);
        }
    }

    static Journal read(List<KclWorkerProcess> workers) {
        List<Line> lines = new ArrayList<>();
        for (KclWorkerProcess worker : workers) {
            lines.addAll(read(worker.name, worker.journal));
        }
        return new Journal(List.copyOf(lines));
    }

    private static List<Line> read(String worker, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Line> lines = new ArrayList<>();
        // only whole lines: the worker may be writing the last one
        for (String raw : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            String[] fields = raw.split(" ");
            if (fields.length < 3 || fields[0].equals("STOPPED")) {
                continue; // a worker's own note
            }
            List<String> rest = List.of(fields).subList(3, fields.length);
            lines.add(new Line(fields[0], worker, Long.parseLong(fields[1]), fields[2], rest));
        }
        return lines;
    }

    List<Line> of(String kind) {
        return lines.stream().filter(l -> l.kind.equals(kind)).toList();
    }

    List<Line> records() {
        return of("REC");
    }
}
