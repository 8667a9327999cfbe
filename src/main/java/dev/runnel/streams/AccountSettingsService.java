package dev.runnel.streams;

import dev.runnel.core.account.ThroughputCommitment;
import dev.runnel.core.error.InvalidArgumentException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The account-level settings of one account and region (Kinesis's DescribeAccountSettings and
 * UpdateAccountSettings): today the minimum throughput billing commitment, which warm throughput requires.
 * Thread-safe. Per-node state, like the traffic meters: kept in memory by this process, gone when it stops.
 */
public class AccountSettingsService {

    private final InstantSource clock;
    private final AtomicReference<ThroughputCommitment> commitment = new AtomicReference<>(ThroughputCommitment.NONE);

    public AccountSettingsService(InstantSource clock) {
        this.clock = clock;
    }

    /** The commitment as it stands. */
    public ThroughputCommitment commitment() {
        return commitment.get();
    }

    /** Enables the commitment (or cancels its scheduled end) or disables it, by Kinesis's 24-hour rule. */
    public ThroughputCommitment updateCommitment(boolean enabled) {
        Instant now = clock.instant();
        return commitment.updateAndGet(current -> enabled ? current.enabledAt(now) : current.disabledAt(now));
    }

    /** Whether warm throughput is available: the commitment holds now, ending or not. */
    public boolean commitmentActive() {
        return commitment.get().isActiveAt(clock.instant());
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
