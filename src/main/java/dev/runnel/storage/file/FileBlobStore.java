package dev.runnel.storage.file;

import dev.runnel.storage.BlobStore;
import dev.runnel.storage.document.StreamFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link BlobStore}: one file per blob in a directory ({@link BlobFiles} gives the names and the format:
 * a header line with the name, length and CRC32C, then the bytes). The directory is created on the first put, and
 * forced into its parent (so are parents created with it).
 *
 * <p><b>Durable before returning.</b> {@link #put} writes {@code <file>.tmp}, forces it, renames it over the file
 * in one step and forces the directory ({@link DurableFiles#replace}); {@link #delete} deletes the file and forces
 * the directory. What a crash (kill -9 or power loss) leaves, by step:
 *
 * <ul>
 *   <li>while writing or forcing the {@code .tmp}: the old file untouched, and a partial {@code .tmp} that the next
 *       {@link #loadAll} deletes;
 *   <li>after the rename, before the directory is forced: the old content or the new one, whole (a power loss may
 *       undo the rename; kill -9 cannot);
 *   <li>after the directory is forced: the new content (the method may not have returned yet);
 *   <li>while deleting: the file whole, or gone.
 * </ul>
 *
 * So a blob's file always holds one whole content, never a mix of two, and a change that returned survives. On a
 * failure the method throws {@link UncheckedIOException} (and logs nothing: the caller knows what it was saving);
 * the file holds the old content or the new one.
 *
 * <p><b>Start.</b> {@link #loadAll} deletes leftover {@code *.blob.tmp} files and reads every {@code *.blob} file.
 * One that is not a whole blob (see {@link BlobFiles#decode}), or whose name does not match the blob it holds, is
 * logged in one ERROR line and renamed to {@code <file>.corrupt} (or {@code .corrupt.1}, ...), so one bad file never
 * stops a start. Other files are ignored.
 *
 * <p><b>Thread-safety.</b> Thread-safe: every method holds the store's monitor. One process at a time may use a
 * directory ({@link DataDirectory} locks it).
 */
public final class FileBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);

    private final Path dir;

    public FileBlobStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public synchronized Map<String, byte[]> loadAll() {
        Map<String, byte[]> blobs = new TreeMap<>();
        List<Path> entries;
        try (java.util.stream.Stream<Path> listing = Files.list(dir)) {
            entries = listing.sorted().toList();
        } catch (NoSuchFileException none) {
            return blobs;
        } catch (IOException e) {
            throw new UncheckedIOException("listing the blobs in " + dir + " failed", e);
        }
        boolean namesChanged = false;
        for (Path file : entries) {
            String fileName = file.getFileName().toString();
            if (fileName.endsWith(BlobFiles.TMP_SUFFIX)) {
                namesChanged |= deleteLeftover(file);
            } else if (fileName.endsWith(BlobFiles.SUFFIX) && Files.isRegularFile(file)) {
                Map.Entry<String, byte[]> blob = read(file);
                if (blob == null) {
                    namesChanged = true;
                } else {
                    blobs.put(blob.getKey(), blob.getValue());
                }
            }
        }
        if (namesChanged) {
            try {
                DurableFiles.forceDirectory(dir);
            } catch (IOException e) {
                LOG.warn("Forcing {} after removing debris failed ({}); the next start may meet it again", dir, e);
            }
        }
        return blobs;
    }

    @Override
    public synchronized void put(String name, byte[] bytes) {
        Path file = dir.resolve(BlobFiles.fileName(BlobStore.checkName(name)));
        try {
            createDirectory();
            DurableFiles.replace(file, BlobFiles.encode(name, bytes));
        } catch (IOException e) {
            try {
                Files.deleteIfExists(dir.resolve(BlobFiles.tmpName(name)));
            } catch (IOException again) {
                e.addSuppressed(again); // the next start deletes it
            }
            throw new UncheckedIOException("saving blob " + name + " in " + file + " failed", e);
        }
    }

    @Override
    public synchronized void delete(String name) {
        Path file = dir.resolve(BlobFiles.fileName(BlobStore.checkName(name)));
        try {
            DurableFiles.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("deleting blob " + name + " (" + file + ") failed", e);
        }
    }

    @Override
    public synchronized void setAside(String name) {
        Path file = dir.resolve(BlobFiles.fileName(BlobStore.checkName(name)));
        try {
            if (Files.exists(file)) {
                Path aside = moveAside(file);
                DurableFiles.forceDirectory(dir);
                LOG.error("Blob {} was set aside as {}", name, aside);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("setting blob " + name + " (" + file + ") aside failed", e);
        }
    }

    /** Creates the directory (and missing parents), each new entry forced into its parent, so it survives too. */
    private void createDirectory() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        Files.createDirectories(dir);
        for (Path created = dir.toAbsolutePath(); !created.equals(existing); created = created.getParent()) {
            DurableFiles.forceDirectory(created.getParent());
        }
    }

    private static boolean deleteLeftover(Path file) {
        try {
            Files.delete(file);
            LOG.info("Deleted {}, left over from a change that a stop cut short", file);
            return true;
        } catch (IOException e) {
            LOG.warn("Could not delete {}, left over from a change that a stop cut short ({})", file, e.toString());
            return false;
        }
    }

    /** The blob in the file, or null when it holds none (the file is then moved aside, if it can be). */
    private static Map.Entry<String, byte[]> read(Path file) {
        String problem;
        try {
            Map.Entry<String, byte[]> blob = BlobFiles.decode(Files.readAllBytes(file));
            String expected = BlobFiles.fileName(blob.getKey());
            if (expected.equals(file.getFileName().toString())) {
                return blob;
            }
            problem = "it holds blob " + blob.getKey() + ", whose file would be " + expected;
        } catch (StreamFormatException e) {
            problem = e.getMessage();
        } catch (IOException e) {
            problem = "reading it failed: " + e;
        }
        try {
            Path aside = moveAside(file);
            LOG.error("Blob file {} is not readable ({}); moved it to {} and left it out", file, problem, aside);
        } catch (IOException e) {
            LOG.error(
                    "Blob file {} is not readable ({}) and could not be moved aside ({}); left it out",
                    file,
                    problem,
                    e.toString());
        }
        return null;
    }

    private static Path moveAside(Path file) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + BlobFiles.CORRUPT_SUFFIX);
        for (int i = 1; Files.exists(aside); i++) {
            aside = file.resolveSibling(file.getFileName() + BlobFiles.CORRUPT_SUFFIX + "." + i);
        }
        Files.move(file, aside);
        return aside;
    }
}
