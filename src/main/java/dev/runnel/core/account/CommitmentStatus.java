package dev.runnel.core.account;

/** The states of a minimum throughput billing commitment, as Kinesis reports them. */
public enum CommitmentStatus {
    ENABLED,
    DISABLED,
    /** Ending was asked for before the minimum duration had passed; it ends at the earliest allowed time. */
    ENABLED_UNTIL_EARLIEST_ALLOWED_END
}
