package dev.runnel.storage.file;

import dev.runnel.core.shard.ShardId;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.ShardLogRegistry;
import dev.runnel.storage.ShardLogStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link ShardLogStore}: every shard log is a directory of append-only segment files under one root,
 * {@code <root>/<incarnation>/<shard index>/}, each segment named by the position of its first record
 * ({@code 00000000000000000000.log}) and holding CRC32C-checked frames (see {@link RecordFrame}).
 *
 * <p>Opening the store recovers every log from its files: indexes are rebuilt from the frame headers (the data is
 * not read, except in each log's newest segment, whose frames are checked against their CRCs), and a torn tail is
 * cut after the last good record with a WARN line; positions continue after it. The heap holds only the sparse
 * indexes (about 24 bytes per {@value SparseIndex#INTERVAL} bytes of frames) and the blocks a read is
 * answering.
 *
 * <p>Durability of an append when it returns: per the {@link FsyncPolicy}. Seals and unseals are always forced.
 * Dropping a log renames its directory away (atomically) before deleting it, so a crash never leaves half a log.
 * There is no byte limit yet ({@link #maxBytes()} is {@link Long#MAX_VALUE}). Thread-safe; I/O failures surface as
 * {@link UncheckedIOException}.
 */
public final class FileShardLogStore implements ShardLogStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileShardLogStore.class);
    private static final String DROPPED = ".dropped-";

    private final Path root;
    private final FileLogOptions options;
    private final DiskSpace space;
    private final ScheduledExecutorService flusher;
    private final ShardLogRegistry<FileShardLog> logs = new ShardLogRegistry<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Opens (creating if needed) the store in {@code root} with segments of {@code segmentBytes}, an hour old at
     * most, no byte limit and no free-space floor; see {@link #FileShardLogStore(Path, FileLogOptions)}.
     */
    public FileShardLogStore(Path root, long segmentBytes, FsyncPolicy fsync) {
        this(root, FileLogOptions.of(segmentBytes, fsync));
    }

    /**
     * Opens (creating if needed) the store in {@code root} and recovers every log in it; under {@link
     * FsyncPolicy#INTERVAL} starts a daemon thread that flushes at the options' interval until {@link #close()}.
     *
     * @param root the directory that holds the store's files, and nothing else
     * @throws UncheckedIOException when the directory cannot be read or a log cannot be recovered
     */
    public FileShardLogStore(Path root, FileLogOptions options) {
        this.root = root;
        this.options = options;
        long started = System.nanoTime();
        try {
            Files.createDirectories(root);
            this.space = DiskSpace.of(root, options.maxBytes(), options.minFreeBytes());
            for (Path incarnation : list(root)) {
                Long id = parse(incarnation);
                for (Path shard : id == null ? List.<Path>of() : list(incarnation)) {
                    Long index = parse(shard);
                    if (index != null && index <= Integer.MAX_VALUE) {
                        FileShardLog log = FileShardLog.open(shard, options, space);
                        logs.computeIfAbsent(id, new ShardId(index.intValue()), () -> log);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("opening the shard log store in " + root + " failed", e);
        }
        LOG.info(
                "Opened the shard log store in {}: {} logs, {} MiB of records, in {} ms",
                root,
                logs.all().size(),
                usedBytes() >> 20,
                (System.nanoTime() - started) / 1_000_000);
        this.flusher = options.fsync() == FsyncPolicy.INTERVAL ? startFlusher(options.fsyncInterval()) : null;
    }

    private ScheduledExecutorService startFlusher(Duration interval) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "runnel-fsync");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
        return executor;
    }

    /** The timer's flush: a failure is logged (by {@link StoreFailures}) and retried at the next tick. */
    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // logged where it was raised; the segments stay marked unflushed
        }
    }

    /** The entries of a directory, deleting leftovers of drops that a crash interrupted. */
    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> all = entries.filter(Files::isDirectory).toList();
            for (Path entry : all) {
                if (entry.getFileName().toString().contains(DROPPED)) {
                    LogDirectory.deleteTree(entry);
                }
            }
            return all.stream().filter(Files::exists).toList();
        }
    }

    /** The number a directory is named by (an incarnation or shard index), or null for any other name. */
    private static Long parse(Path dir) {
        String name = dir.getFileName().toString();
        if (!name.matches("-?[0-9]{1,19}")) {
            return null;
        }
        try {
            return Long.valueOf(name);
        } catch (NumberFormatException outOfRange) {
            return null;
        }
    }

    private Path dirOf(long incarnation, ShardId shard) {
        return root.resolve(Long.toString(incarnation)).resolve(Integer.toString(shard.index()));
    }

    @Override
    public ShardLog create(long incarnation, ShardId shard) {
        return logs.computeIfAbsent(incarnation, shard, () -> {
            try {
                return FileShardLog.open(dirOf(incarnation, shard), options, space);
            } catch (IOException e) {
                throw StoreFailures.of("creating", dirOf(incarnation, shard), e);
            }
        });
    }

    @Override
    public Optional<ShardLog> find(long incarnation, ShardId shard) {
        return logs.find(incarnation, shard).map(ShardLog.class::cast);
    }

    @Override
    public Map<Long, Set<ShardId>> ids() {
        return logs.ids();
    }

    @Override
    public void drop(long incarnation) {
        List<FileShardLog> dropped = logs.removeAll(incarnation);
        if (!dropped.isEmpty()) {
            dropped.forEach(log -> log.release(true));
            delete(root.resolve(Long.toString(incarnation)));
        }
    }

    @Override
    public void drop(long incarnation, ShardId shard) {
        logs.remove(incarnation, shard).ifPresent(log -> {
            log.release(true);
            delete(dirOf(incarnation, shard));
        });
    }

    /** Renames the directory away atomically, then deletes it. */
    private static void delete(Path dir) {
        try {
            if (Files.exists(dir)) {
                Path away = dir.resolveSibling(dir.getFileName() + DROPPED + System.nanoTime());
                Files.move(dir, away, StandardCopyOption.ATOMIC_MOVE);
                DurableFiles.forceDirectory(dir.getParent());
                LogDirectory.deleteTree(away);
            }
        } catch (IOException e) {
            throw StoreFailures.of("deleting", dir, e);
        }
    }

    /** Bytes of segment files held by all logs, frame headers included. */
    @Override
    public long usedBytes() {
        return logs.all().stream().mapToLong(FileShardLog::usedBytes).sum();
    }

    /** The options' byte limit ({@link Long#MAX_VALUE} when only the disk's free-space floor limits it). */
    @Override
    public long maxBytes() {
        return options.maxBytes();
    }

    /** Forces every append that has returned, whatever the {@link FsyncPolicy}. */
    @Override
    public void flush() {
        logs.all().forEach(FileShardLog::flush);
    }

    /** Stops the flusher, flushes, then closes every file; the files stay for the next store opened on the directory. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (flusher != null) {
                flusher.shutdownNow();
            }
            flush();
            logs.all().forEach(log -> log.release(false));
        }
    }
}
