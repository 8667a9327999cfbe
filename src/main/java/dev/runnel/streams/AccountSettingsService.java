package dev.runnel.streams;

import dev.runnel.core.account.ThroughputCommitment;
import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.storage.AccountSettingsStore;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The account-level settings of one account and region (Kinesis's DescribeAccountSettings and
 * UpdateAccountSettings): today the minimum throughput billing commitment, which warm throughput requires.
 * Thread-safe: changes are serialised, and kept in the region's {@link AccountSettingsStore} (so they last as long
 * as the streams do).
 */
public class AccountSettingsService {

    private final InstantSource clock;
    private final AccountSettingsStore store;

    /** Settings kept in memory only. */
    public AccountSettingsService(InstantSource clock) {
        this(clock, AccountSettingsStore.inMemory());
    }

    public AccountSettingsService(InstantSource clock, AccountSettingsStore store) {
        this.clock = clock;
        this.store = store;
    }

    /** The commitment as it stands. */
    public ThroughputCommitment commitment() {
        return store.commitment();
    }

    /** Enables the commitment (or cancels its scheduled end) or disables it, by Kinesis's 24-hour rule. */
    public synchronized ThroughputCommitment updateCommitment(boolean enabled) {
        Instant now = clock.instant();
        ThroughputCommitment current = store.commitment();
        ThroughputCommitment updated = enabled ? current.enabledAt(now) : current.disabledAt(now);
        if (!updated.equals(current)) {
            store.saveCommitment(updated);
        }
        return updated;
    }

    /** Whether warm throughput is available: the commitment holds now, ending or not. */
    public boolean commitmentActive() {
        return store.commitment().isActiveAt(clock.instant());
    }

    /**
     * Warm throughput is for ON_DEMAND streams of accounts with the commitment.
     *
     * @throws InvalidArgumentException when the commitment does not hold
     */
    public void requireCommitment() {
        if (!commitmentActive()) {
            throw new InvalidArgumentException("WarmThroughputMiBps can only be set for ON_DEMAND streams in an "
                    + "account with MinimumThroughputBillingCommitment enabled.");
        }
    }
}
