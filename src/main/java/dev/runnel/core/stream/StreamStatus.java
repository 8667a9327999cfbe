package dev.runnel.core.stream;

/** The Kinesis stream states. */
public enum StreamStatus {
    CREATING,
    DELETING,
    ACTIVE,
    UPDATING
}
