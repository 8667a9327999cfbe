package dev.runnel.core.stream;

/** The shard-level metrics that enhanced monitoring can turn on ({@code ALL} is expanded by callers). */
public enum ShardLevelMetric {
    IncomingBytes,
    IncomingRecords,
    OutgoingBytes,
    OutgoingRecords,
    WriteProvisionedThroughputExceeded,
    ReadProvisionedThroughputExceeded,
    IteratorAgeMilliseconds
}
