package dev.runnel.core.stream;

/** The states of an enhanced fan-out consumer. */
public enum ConsumerStatus {
    CREATING,
    DELETING,
    ACTIVE
}
