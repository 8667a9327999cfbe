package dev.runnel.storage.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of a durable Runnel's data directory, held by one process at a time:
 *
 * <pre>
 * &lt;dir&gt;/lock                                     held (an OS file lock) while a Runnel runs on the directory
 * &lt;dir&gt;/iterator-secret                          the shard-iterator signing secret ({@link SecretFile})
 * &lt;dir&gt;/logs/&lt;incarnation&gt;/&lt;shard&gt;/             record segments ({@link FileShardLogStore})
 * &lt;dir&gt;/regions/&lt;region&gt;/streams/&lt;name&gt;.json     stream metadata ({@link FileStreamCatalog})
 * &lt;dir&gt;/regions/&lt;region&gt;/account-settings.properties  ({@link FileAccountSettings})
 * &lt;dir&gt;/regions/&lt;region&gt;/lease-tables/&lt;table&gt;.blob  the lease store's tables ({@link FileBlobStore})
 * </pre>
 */
public final class DataDirectory implements AutoCloseable {

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed and locks it.
     *
     * @throws IllegalStateException when another process (or this one) holds it
     * @throws UncheckedIOException when it cannot be created or locked
     */
    public static DataDirectory open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            FileChannel channel =
                    FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException held) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("Another Runnel is using the data directory " + root
                        + " (runnel.storage.dir); stop it, or give this one another directory.");
            }
            return new DataDirectory(root, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("opening the data directory " + root + " failed", e);
        }
    }

    public Path root() {
        return root;
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path iteratorSecret() {
        return root.resolve("iterator-secret");
    }

    /** The stream metadata files of a region. */
    public Path streams(String region) {
        return regionDir(region).resolve("streams");
    }

    /** The account settings file of a region. */
    public Path accountSettings(String region) {
        return regionDir(region).resolve("account-settings.properties");
    }

    /** The directory of a region's lease-store tables, one blob per table. */
    public Path leaseTables(String region) {
        return regionDir(region).resolve("lease-tables");
    }

    private Path regionDir(String region) {
        if (!region.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("not a region name: " + region);
        }
        return root.resolve("regions").resolve(region);
    }

    /** The regions that have stored anything, sorted. */
    public List<String> storedRegions() {
        Path regions = root.resolve("regions");
        if (!Files.isDirectory(regions)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(regions)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("[a-z0-9-]{1,64}"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing the regions in " + regions + " failed", e);
        }
    }

    /**
     * Whether a region's stream catalog set a file aside as unreadable ({@code *.json.corrupt*}): the logs of that
     * stream then look unreferenced, and must be kept for whoever repairs the file.
     */
    public boolean hasStreamFilesSetAside() {
        for (String region : storedRegions()) {
            Path streams = streams(region);
            if (!Files.isDirectory(streams)) {
                continue;
            }
            try (Stream<Path> files = Files.list(streams)) {
                if (files.anyMatch(f -> f.getFileName().toString().contains(StreamFileNames.CORRUPT_SUFFIX))) {
                    return true;
                }
            } catch (IOException e) {
                return true; // unsure: keep the logs
            }
        }
        return false;
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // the process is stopping; the OS releases the lock with it
        }
    }
}
