package dev.runnel.aws.shapes;

import dev.runnel.core.account.ThroughputCommitment;
import java.time.Instant;

/** The {@code MinimumThroughputBillingCommitmentOutput} of Describe- and UpdateAccountSettings. */
public final class Commitments {

    private Commitments() {}

    /** The commitment as Kinesis reports it. */
    public record CommitmentOutput(String status, Instant startedAt, Instant endedAt, Instant earliestAllowedEndAt) {}

    /** The answer of both operations. */
    public record Output(CommitmentOutput minimumThroughputBillingCommitment) {}

    /**
     * The commitment at {@code now}: its start, the earliest end while it holds, and its end once it has ended.
     */
    public static Output of(ThroughputCommitment commitment, Instant now) {
        boolean active = commitment.isActiveAt(now);
        return new Output(new CommitmentOutput(
                commitment.statusAt(now).name(),
                commitment.startedAt(),
                commitment.endedAt(now),
                active ? commitment.earliestAllowedEndAt() : null));
    }
}
