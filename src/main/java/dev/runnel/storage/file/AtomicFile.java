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
 * Small files replaced whole and durably: the new content goes to {@code <name>.tmp}, is forced, renamed over the
 * file atomically, and the directory is forced, so after a crash the file holds either the old or the new content,
 * never a mix. Leftover {@code .tmp} files are the crash's debris and may be deleted at start.
 */
final class AtomicFile {

    private AtomicFile() {}

    /** Replaces the file's content with {@code bytes}; durable when this returns. */
    static void write(Path file, byte[] bytes) throws IOException {
        write(file, bytes, new FileAttribute<?>[0]);
    }

    /** As {@link #write(Path, byte[])}, for a file only its owner may read (where the file system has owners). */
    static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        write(
                file,
                bytes,
                posix
                        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                        : new FileAttribute<?>[0]);
    }

    private static void write(Path file, byte[] bytes, FileAttribute<?>[] attributes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp); // a new file gets the attributes
        try (FileChannel channel = FileChannel.open(
                tmp,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LogDirectory.forceDirectory(file.getParent());
    }

    /** Deletes the file, durably; a missing file is fine. */
    static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            LogDirectory.forceDirectory(file.getParent());
        }
    }
}
