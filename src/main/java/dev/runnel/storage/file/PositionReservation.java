package dev.runnel.storage.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The positions a shard log may have handed out, kept durably ahead of use ({@code reserved} in the log's
 * directory), so that positions — and so sequence numbers — are never handed out twice, even when a crash takes back
 * records that readers had already seen (with {@code fsync=interval} or {@code never}, a power loss can; a flipped
 * bit in the newest segment cuts it short too). Before a position at or past the reserved end is handed out, the
 * reservation moves {@value #BLOCK} positions ahead and is forced: one small forced write per that many records. A
 * clean stop settles it at the log's end, so a restart continues without a gap; after a crash the log continues at
 * the reserved end, past every position it may have handed out. Writer-only: the log's lock guards it.
 */
final class PositionReservation {

    static final long BLOCK = 1 << 16;
    private static final String FILE = "reserved";

    private final Path file;
    private long reservedEnd;
    /** Whether the log was found short of its reservation (an unclean stop) and has not gone on past it yet. */
    private boolean shortOfReservation;

    private PositionReservation(Path file, long reservedEnd, boolean shortOfReservation) {
        this.file = file;
        this.reservedEnd = reservedEnd;
        this.shortOfReservation = shortOfReservation;
    }

    /**
     * The reservation of the log in {@code dir} (none, 0, when the file is missing or unreadable), whose segments
     * were recovered up to {@code recoveredEnd}.
     */
    static PositionReservation open(Path dir, long recoveredEnd) throws IOException {
        Path file = dir.resolve(FILE);
        long reserved = 0;
        try {
            reserved = Long.parseLong(
                    Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException | NumberFormatException none) {
            // a log that never appended, or a file torn by a crash of its first write: nothing was handed out past it
        }
        return new PositionReservation(file, Math.max(0, reserved), reserved > recoveredEnd);
    }

    /**
     * Where the log goes on from {@code end}: the reserved end the first time after an unclean stop left the log
     * short of it, {@code end} otherwise (a live log has handed out nothing past its end).
     */
    long resumeAt(long end) {
        boolean skip = shortOfReservation;
        shortOfReservation = false;
        return skip ? Math.max(end, reservedEnd) : end;
    }

    /** Makes sure every position below {@code end} is reserved before it is handed out. */
    void cover(long end) throws IOException {
        if (end > reservedEnd) {
            write(end + BLOCK);
        }
    }

    /** At a clean stop: reserves exactly up to the log's end, so the next start continues without a gap. */
    void settle(long end) throws IOException {
        if (end != reservedEnd) {
            write(end);
        }
    }

    private void write(long end) throws IOException {
        DurableFiles.replace(file, Long.toString(end).getBytes(StandardCharsets.US_ASCII));
        reservedEnd = end;
    }
}
