package dev.runnel.storage;

/**
 * Where an appended record landed.
 *
 * @param position its position in the shard log
 * @param arrivalMillis its arrival time, epoch milliseconds, as stored
 */
public record AppendResult(long position, long arrivalMillis) {}
