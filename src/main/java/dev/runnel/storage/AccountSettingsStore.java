package dev.runnel.storage;

import dev.runnel.core.account.ThroughputCommitment;

/**
 * Where one region's account settings live (today the minimum throughput billing commitment). Thread-safe;
 * callers serialise their own read-modify-write.
 */
public interface AccountSettingsStore {

    /** The commitment last saved; {@link ThroughputCommitment#NONE} when none was. */
    ThroughputCommitment commitment();

    /** Keeps the commitment; a durable store has made it durable when this returns. */
    void saveCommitment(ThroughputCommitment commitment);

    /** A store in this process's memory. */
    static AccountSettingsStore inMemory() {
        return new AccountSettingsStore() {
            private volatile ThroughputCommitment commitment = ThroughputCommitment.NONE;

            @Override
            public ThroughputCommitment commitment() {
                return commitment;
            }

            @Override
            public void saveCommitment(ThroughputCommitment updated) {
                commitment = updated;
            }
        };
    }
}
