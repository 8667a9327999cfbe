package dev.runnel.storage.file;

import dev.runnel.core.error.InternalFailureException;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.storage.StreamCatalog;
import dev.runnel.storage.StreamPages;
import dev.runnel.storage.document.StreamFormatException;
import dev.runnel.storage.document.StreamJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link StreamCatalog}: one JSON file per stream in a directory (see {@link StreamJson} for the
 * document, {@link StreamFileNames} for the file names), and every stream in a sorted map in memory, from which
 * all reads are answered without touching the disk.
 *
 * <p><b>Durable before visible.</b> A change is on the device before the map shows it and before the method
 * returns true. Saving a version writes it to {@code <file>.tmp} and forces it, renames that over the stream's
 * file in one step ({@code ATOMIC_MOVE}), then forces the directory; removing deletes the file and forces the
 * directory. What a crash (kill -9 or power loss) leaves, by step:
 *
 * <ul>
 *   <li>while writing or forcing the {@code .tmp}: the old file untouched, and a partial {@code .tmp} that the next
 *       start deletes;
 *   <li>after the rename, before the directory is forced: the old version or the new one, whole (a power loss may
 *       undo the rename; kill -9 cannot);
 *   <li>after the directory is forced: the new version (the method may not have returned yet);
 *   <li>while removing: the file whole, or gone.
 * </ul>
 *
 * So every stream file always holds one whole version, never a mix of two, and a change that returned true survives.
 *
 * <p><b>Failures.</b> When a step fails the map is left unchanged and the method throws {@link
 * InternalFailureException}; a change is never half applied. A failure after the rename or the deletion puts the
 * old file back; should that fail as well (logged at ERROR), the file disagrees with the map until the stream's
 * next successful change rewrites it.
 *
 * <p><b>Start.</b> The constructor loads every {@code *.json} file and deletes leftover {@code *.json.tmp} files. A
 * file that cannot be read as a stream (not JSON, an unknown format, invalid values, or a stream whose name does
 * not match the file's) is logged in one ERROR line, renamed to {@code <file>.corrupt} (or {@code .corrupt.1},
 * ...) and left out, so one bad file never stops the start. Other files are ignored.
 *
 * <p><b>Thread-safety.</b> Thread-safe. Reads are lock-free. Changes to one name are serialised by one of a
 * fixed set of lock stripes, so a compare-and-set, its file write and the map update happen as one with respect
 * to other changes of that name; names on different stripes change in parallel. Compare-and-set is by identity,
 * as in the in-memory catalog. One process at a time may use a directory; nothing enforces it.
 */
public final class FileStreamCatalog implements StreamCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(FileStreamCatalog.class);
    private static final int STRIPES = 64;

    private final Path dir;
    private final CatalogFileSystem files;
    private final ConcurrentSkipListMap<StreamName, Stream> streams = new ConcurrentSkipListMap<>();
    private final Object[] locks = new Object[STRIPES];

    /**
     * Opens the catalog in {@code dir}, creating the directory if it is missing, and loads its streams.
     *
     * @throws IOException when the directory cannot be created or listed, a stream file cannot be read, or a
     *     leftover or unreadable file cannot be deleted or moved aside
     */
    public FileStreamCatalog(Path dir) throws IOException {
        this(dir, CatalogFileSystem.DURABLE);
    }

    FileStreamCatalog(Path dir, CatalogFileSystem files) throws IOException {
        this.dir = dir;
        this.files = files;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
        load();
    }

    @Override
    public Optional<Stream> find(StreamName name) {
        return Optional.ofNullable(streams.get(name));
    }

    @Override
    public boolean add(Stream stream) {
        StreamName name = stream.name();
        synchronized (lock(name)) {
            if (streams.containsKey(name)) {
                return false;
            }
            save(stream, null);
            streams.put(name, stream);
            return true;
        }
    }

    @Override
    public boolean replace(Stream expected, Stream updated) {
        if (!expected.name().equals(updated.name())) {
            throw new IllegalArgumentException("a stream cannot be renamed");
        }
        StreamName name = expected.name();
        synchronized (lock(name)) {
            if (streams.get(name) != expected) {
                return false;
            }
            save(updated, expected);
            streams.put(name, updated);
            return true;
        }
    }

    @Override
    public boolean remove(Stream expected) {
        StreamName name = expected.name();
        synchronized (lock(name)) {
            if (streams.get(name) != expected) {
                return false;
            }
            delete(expected);
            streams.remove(name);
            return true;
        }
    }

    @Override
    public List<Stream> list(StreamName exclusiveStart, int limit) {
        return StreamPages.page(streams, exclusiveStart, limit);
    }

    @Override
    public List<Stream> all() {
        return List.copyOf(streams.values());
    }

    private Object lock(StreamName name) {
        int hash = name.hashCode();
        return locks[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }

    private Path fileOf(StreamName name) {
        return dir.resolve(StreamFileNames.fileName(name));
    }

    /** Makes {@code stream} its file's content; on failure puts {@code previous} (null: no file) back. */
    private void save(Stream stream, Stream previous) {
        Path file = fileOf(stream.name());
        Path tmp = dir.resolve(StreamFileNames.tmpName(stream.name()));
        boolean renamed = false;
        try {
            files.writeForced(tmp, StreamJson.write(stream));
            files.moveAtomically(tmp, file);
            renamed = true;
            files.forceDirectory(dir);
        } catch (IOException e) {
            if (renamed) {
                putBack(stream.name(), previous, e, "the refused version " + stream.version() + " of " + stream.name());
            } else {
                deleteQuietly(tmp, e);
            }
            throw failure("save", stream, file, e);
        }
    }

    /** Deletes the stream's file; on failure puts {@code previous} back. */
    private void delete(Stream previous) {
        Path file = fileOf(previous.name());
        boolean deleted = false;
        try {
            files.delete(file);
            deleted = true;
            files.forceDirectory(dir);
        } catch (IOException e) {
            if (deleted) {
                putBack(previous.name(), previous, e, "no stream " + previous.name());
            }
            throw failure("delete", previous, file, e);
        }
    }

    /**
     * After a failure past the point of no return, restores the file to {@code previous} (null: no file). If that
     * fails too, the file and the map disagree until the stream's next successful change rewrites the file; a start
     * before then loads what the file holds, which {@code onDisk} describes.
     */
    private void putBack(StreamName name, Stream previous, IOException failure, String onDisk) {
        Path file = fileOf(name);
        Path tmp = dir.resolve(StreamFileNames.tmpName(name));
        try {
            if (previous == null) {
                files.delete(file);
            } else {
                files.writeForced(tmp, StreamJson.write(previous));
                files.moveAtomically(tmp, file);
            }
            files.forceDirectory(dir);
        } catch (IOException again) {
            failure.addSuppressed(again);
            LOG.error(
                    "Stream catalog file {} could not be put back after a failed change; until the stream's next "
                            + "change, a restart would find {}",
                    file,
                    onDisk,
                    again);
        }
    }

    private void deleteQuietly(Path tmp, IOException failure) {
        try {
            files.delete(tmp);
        } catch (IOException again) {
            failure.addSuppressed(again); // the next start deletes it
        }
    }

    private static InternalFailureException failure(String action, Stream stream, Path file, IOException e) {
        LOG.error("Stream catalog could not {} stream {} (file {}); the catalog is unchanged", action, stream, file, e);
        return new InternalFailureException("Internal service failure: the stream catalog could not " + action
                + " stream " + stream.name() + " (" + e + ").");
    }

    private void load() throws IOException {
        Files.createDirectories(dir);
        List<Path> entries;
        try (java.util.stream.Stream<Path> listing = Files.list(dir)) {
            entries = listing.sorted().toList();
        }
        boolean namesChanged = false;
        for (Path file : entries) {
            String fileName = file.getFileName().toString();
            if (fileName.endsWith(StreamFileNames.TMP_SUFFIX)) {
                Files.delete(file);
                namesChanged = true;
                LOG.info("Deleted {}, left over from a stream catalog change that a stop cut short", file);
            } else if (fileName.endsWith(StreamFileNames.SUFFIX) && Files.isRegularFile(file)) {
                Stream stream = read(file);
                if (stream == null) {
                    namesChanged = true;
                } else {
                    streams.put(stream.name(), stream);
                }
            }
        }
        if (namesChanged) {
            files.forceDirectory(dir);
        }
    }

    /** The stream in the file, or null when it holds none (the file is then moved aside). */
    private static Stream read(Path file) throws IOException {
        String problem;
        try {
            Stream stream = StreamJson.read(Files.readAllBytes(file));
            String expected = StreamFileNames.fileName(stream.name());
            if (expected.equals(file.getFileName().toString())) {
                return stream;
            }
            problem = "it holds stream " + stream.name() + ", whose file would be " + expected;
        } catch (StreamFormatException e) {
            problem = e.getMessage();
        }
        Path aside = file.resolveSibling(file.getFileName() + StreamFileNames.CORRUPT_SUFFIX);
        for (int i = 1; Files.exists(aside); i++) {
            aside = file.resolveSibling(file.getFileName() + StreamFileNames.CORRUPT_SUFFIX + "." + i);
        }
        Files.move(file, aside);
        LOG.error(
                "Stream catalog file {} is not a readable stream ({}); moved it to {} and left it out",
                file,
                problem,
                aside.getFileName());
        return null;
    }
}
