package dev.runnel.storage.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory of one shard log: its segment files and its seal marker. Files are replaced by write-then-rename
 * and the directory is forced after names change, so a crash leaves either the old or the new state.
 */
final class LogDirectory {

    private static final String SEALED = "sealed";
    private static final String SEGMENT_SUFFIX = ".log";

    private LogDirectory() {}

    /**
     * Opens the log's segments oldest first, recovering each (see {@link SegmentRecovery}); a segment that is left
     * empty is deleted unless it is the newest. Creates segment 0 when the directory holds none.
     */
    static List<SegmentFile> openSegments(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Long> bases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.matches("[0-9]{20}\\" + SEGMENT_SUFFIX)) {
                    bases.add(Long.parseLong(name.substring(0, 20)));
                } else if (name.endsWith(".tmp")) {
                    Files.delete(file);
                } else if (name.matches("[0-9]{20}\\.idx")
                        && !Files.exists(dir.resolve(name.substring(0, 20) + SEGMENT_SUFFIX))) {
                    Files.delete(file); // its segment was deleted, and a crash came before the index went too
                }
            }
        }
        bases.sort(Comparator.naturalOrder());
        List<SegmentFile> segments = new ArrayList<>();
        long arrival = Long.MIN_VALUE;
        for (int i = 0; i < bases.size(); i++) {
            boolean newest = i == bases.size() - 1;
            Path path = dir.resolve(SegmentFile.fileName(bases.get(i)));
            SegmentFile segment = openSegment(path, bases.get(i), newest, arrival);
            if (segment.count() == 0 && !newest) {
                segment.delete();
                continue;
            }
            arrival = Math.max(arrival, segment.lastArrival());
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            segments.add(SegmentFile.create(dir, 0));
            DurableFiles.forceDirectory(dir);
            DurableFiles.forceDirectory(dir.getParent()); // the log's directory, new too, and its incarnation's
            DurableFiles.forceDirectory(dir.getParent().getParent());
        }
        return segments;
    }

    /**
     * A finished segment from its index file when that is valid, else by walking its frames (and then writing the
     * index file, so the next start is quick); the newest segment always by checking every frame's CRC, since only
     * it can have been torn by a crash, and its index file (left from before it took more records) goes.
     */
    private static SegmentFile openSegment(Path path, long base, boolean newest, long minArrival) throws IOException {
        if (newest) {
            Files.deleteIfExists(SegmentIndexFile.pathOf(path));
            return SegmentRecovery.open(path, base, true, minArrival);
        }
        SegmentFile indexed = SegmentIndexFile.open(path, base);
        if (indexed != null) {
            return indexed;
        }
        SegmentFile walked = SegmentRecovery.open(path, base, false, minArrival);
        if (walked.count() > 0) {
            SegmentIndexFile.writeFinished(List.of(walked));
        }
        return walked;
    }

    static boolean isSealed(Path dir) {
        return Files.exists(dir.resolve(SEALED));
    }

    /** Writes the seal marker (holding the final end position) by write-then-rename, durably. */
    static void writeSeal(Path dir, long endPosition) throws IOException {
        DurableFiles.replace(dir.resolve(SEALED), Long.toString(endPosition).getBytes(StandardCharsets.US_ASCII));
    }

    /** Removes the seal marker, durably. */
    static void removeSeal(Path dir) throws IOException {
        DurableFiles.delete(dir.resolve(SEALED));
    }

    /**
     * How many segments from the oldest on hold only records that arrived before the time (the empty newest one
     * never counts): those retention deletes.
     */
    static int expiredSegments(SegmentFile[] segments, long arrivalMillis) {
        int expired = 0;
        while (expired < segments.length
                && segments[expired].count() > 0
                && segments[expired].lastArrival() < arrivalMillis) {
            expired++;
        }
        return expired;
    }

    /** Deletes the segments' files, then forces the directory. @return the bytes of frames freed */
    static long delete(Path dir, List<SegmentFile> segments) throws IOException {
        long freed = 0;
        for (SegmentFile segment : segments) {
            freed += segment.size();
            segment.delete();
        }
        DurableFiles.forceDirectory(dir);
        return freed;
    }

    /** Deletes a directory and everything in it; a missing one is fine. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
