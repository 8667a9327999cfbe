package dev.runnel.console;

import java.util.Locale;

/** A throughput as the console prints it: bytes and records per second. */
public record Rate(double bytesPerSecond, double recordsPerSecond) {

    /** e.g. "1.5 KiB/s · 12 rec/s". */
    public String text() {
        return bytes(bytesPerSecond) + "/s · " + String.format(Locale.ROOT, "%.0f", recordsPerSecond) + " rec/s";
    }

    static String bytes(double bytes) {
        if (bytes < 1024) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
        }
        return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024 * 1024));
    }
}
