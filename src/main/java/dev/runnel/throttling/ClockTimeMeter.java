package dev.runnel.throttling;

import io.github.bucket4j.TimeMeter;
import java.time.Instant;
import java.time.InstantSource;

/** Bucket4j's time from the clock every other part of Runnel uses, so tests can move it. */
record ClockTimeMeter(InstantSource clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
