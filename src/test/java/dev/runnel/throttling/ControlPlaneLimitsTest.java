package dev.runnel.throttling;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.LimitExceededException;
import dev.runnel.support.ManualClock;
import org.junit.jupiter.api.Test;

class ControlPlaneLimitsTest {

    private static final String ACCOUNT = "000000000000";

    private final ManualClock clock = new ManualClock();
    private final ControlPlaneLimits limits = new ControlPlaneLimits(true, clock);

    @Test
    void eachOperationHasItsKinesisRatePerRegion() {
        limits.acquire(ACCOUNT, "us-east-1", "DescribeLimits", null);
        assertThatThrownBy(() -> limits.acquire(ACCOUNT, "us-east-1", "DescribeLimits", null))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Rate exceeded for DescribeLimits under account 000000000000.");
        assertThatCode(() -> limits.acquire(ACCOUNT, "eu-west-1", "DescribeLimits", null))
                .doesNotThrowAnyException();
        clock.advanceMillis(1000);
        assertThatCode(() -> limits.acquire(ACCOUNT, "us-east-1", "DescribeLimits", null))
                .doesNotThrowAnyException();

        for (int i = 0; i < 5; i++) {
            limits.acquire(ACCOUNT, "us-east-1", "CreateStream", "s" + i);
        }
        assertThatThrownBy(() -> limits.acquire(ACCOUNT, "us-east-1", "CreateStream", "s5"))
                .hasMessage("Rate exceeded for stream s5 under account 000000000000.");
    }

    @Test
    void listShardsIsLimitedPerStreamAndDataCallsAreNotLimitedHere() {
        for (int i = 0; i < 1000; i++) {
            limits.acquire(ACCOUNT, "us-east-1", "ListShards", "a");
        }
        assertThatThrownBy(() -> limits.acquire(ACCOUNT, "us-east-1", "ListShards", "a"))
                .isInstanceOf(LimitExceededException.class);
        assertThatCode(() -> limits.acquire(ACCOUNT, "us-east-1", "ListShards", "b"))
                .doesNotThrowAnyException();
        for (int i = 0; i < 10_000; i++) {
            limits.acquire(ACCOUNT, "us-east-1", "PutRecord", "a");
        }
    }

    @Test
    void switchedOffByDefault() {
        ControlPlaneLimits off = new ControlPlaneLimits(false, clock);
        for (int i = 0; i < 100; i++) {
            off.acquire(ACCOUNT, "us-east-1", "DescribeLimits", null);
        }
    }
}
