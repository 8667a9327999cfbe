package dev.runnel.core.channel;

/** The Kinesis channel states. Runnel never delivers, so no channel of its becomes FAILED. */
public enum ChannelStatus {
    CREATING,
    ACTIVE,
    UPDATING,
    DELETING,
    FAILED
}
