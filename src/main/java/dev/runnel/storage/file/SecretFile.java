package dev.runnel.storage.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The shard-iterator signing secret of a durable Runnel, kept in the data directory ({@code iterator-secret},
 * readable by its owner only) so that iterators and pagination tokens issued before a restart stay valid after
 * it. Made from 32 random bytes on first start.
 */
public final class SecretFile {

    private SecretFile() {}

    /** The secret kept in {@code file}, made and kept first if there is none. */
    public static String loadOrCreate(Path file) {
        try {
            String existing = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!existing.isEmpty()) {
                return existing;
            }
        } catch (NoSuchFileException none) {
            // first start
        } catch (IOException e) {
            throw new UncheckedIOException("reading the iterator secret in " + file + " failed", e);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        try {
            Files.createDirectories(file.getParent());
            DurableFiles.replaceOwnerOnly(file, secret.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("writing the iterator secret in " + file + " failed", e);
        }
        return secret;
    }
}
