package dev.runnel.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The durable file steps the file adapters share: a file's bytes forced to the device, an atomic rename, and the
 * directory forced so that names created, renamed or deleted survive a power loss. Stateless.
 */
final class DurableFiles {

    private DurableFiles() {}

    /** Writes the file anew (created or truncated) with exactly these bytes and forces them to the device. */
    static void writeForced(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            write(channel, bytes);
        }
    }

    private static void write(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(true);
    }

    /** Renames {@code source} to {@code target} in one step, replacing the target if it exists. */
    static void moveAtomically(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Replaces the file's content all at once: the bytes go to {@code <name>.tmp}, forced, which is renamed over the
     * file, then the directory is forced. A crash leaves the old content or the new, and perhaps the {@code .tmp}
     * file (debris a start may delete).
     */
    static void replace(Path file, byte[] bytes) throws IOException {
        replace(file, bytes, new FileAttribute<?>[0]);
    }

    /** As {@link #replace(Path, byte[])}, for a file only its owner may read (where the file system has owners). */
    static void replaceOwnerOnly(Path file, byte[] bytes) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        replace(
                file,
                bytes,
                posix
                        ? new FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                        }
                        : new FileAttribute<?>[0]);
    }

    private static void replace(Path file, byte[] bytes, FileAttribute<?>[] attributes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp); // a new file gets the attributes
        try (FileChannel channel =
                FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            write(channel, bytes);
        }
        moveAtomically(tmp, file);
        forceDirectory(file.getParent());
    }

    /** Deletes the file, durably; a missing file is fine. */
    static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            forceDirectory(file.getParent());
        }
    }

    /** Makes the directory's entries (created, renamed, deleted files) durable. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
