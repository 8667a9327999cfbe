package dev.runnel.core.record;

/** Where a shard iterator starts reading; see {@link StartingPosition}. */
public enum ShardIteratorType {
    AT_SEQUENCE_NUMBER,
    AFTER_SEQUENCE_NUMBER,
    TRIM_HORIZON,
    LATEST,
    AT_TIMESTAMP
}
