package dev.runnel.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InternalFailureException;
import dev.runnel.core.error.ProvisionedThroughputExceededException;
import dev.runnel.settings.RunnelProperties.Faults;
import dev.runnel.settings.RunnelProperties.Faults.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private final List<Duration> slept = new ArrayList<>();

    private FaultInjection injection(Rule... rules) {
        return new FaultInjection(new Faults(true, "fixed", List.of(rules)), slept::add);
    }

    @Test
    void errorsComeAtTheConfiguredRateWithinStatisticalBounds() {
        FaultInjection faults =
                injection(new Rule("PutRecord", "", "ProvisionedThroughputExceededException", 0.3, Duration.ZERO));
        int failures = 0;
        int calls = 10_000;
        for (int i = 0; i < calls; i++) {
            try {
                faults.before("PutRecord", "s");
            } catch (ProvisionedThroughputExceededException e) {
                failures++;
            }
        }
        // Binomial(10,000, 0.3): standard deviation about 46; allow more than 5 of them either side.
        assertThat(failures).isBetween(2_750, 3_250);
    }

    @Test
    void rulesMatchByOperationAndOptionallyStream() {
        FaultInjection faults = injection(
                new Rule("GetRecords", "flaky", "InternalFailure", 1.0, Duration.ZERO),
                new Rule("*", "", "", 1.0, Duration.ofMillis(25)));
        assertThatThrownBy(() -> faults.before("GetRecords", "flaky"))
                .isInstanceOf(InternalFailureException.class)
                .hasMessageContaining("injected fault for GetRecords on stream flaky");
        faults.before("GetRecords", "steady");
        faults.before("PutRecord", "flaky");
        assertThat(slept).containsExactly(Duration.ofMillis(25), Duration.ofMillis(25), Duration.ofMillis(25));
    }

    @Test
    void serviceUnavailableIsItsOwnFault() {
        FaultInjection faults = injection(new Rule("*", "", "ServiceUnavailable", 1.0, Duration.ZERO));
        assertThatThrownBy(() -> faults.before("ListStreams", null)).isInstanceOf(InjectedFault.class);
    }

    @Test
    void disabledInjectionDoesNothing() {
        FaultInjection faults = new FaultInjection(
                new Faults(false, "", List.of(new Rule("*", "", "InternalFailure", 1.0, Duration.ofSeconds(5)))),
                slept::add);
        assertThat(faults.isEnabled()).isFalse();
        faults.before("PutRecord", "s");
        assertThat(slept).isEmpty();
    }

    @Test
    void injectionIsOnWhenEnabledWithRules() {
        assertThat(injection(new Rule("PutRecord", "", "InternalFailure", 0.5, Duration.ZERO))
                        .isEnabled())
                .isTrue();
        assertThat(injection().isEnabled()).as("enabled without rules").isFalse();
    }
}
