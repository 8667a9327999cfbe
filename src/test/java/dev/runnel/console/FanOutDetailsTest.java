package dev.runnel.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.console.FanOutDetails.SubscriptionCell;
import org.junit.jupiter.api.Test;

class FanOutDetailsTest {

    @Test
    void aSubscriptionsLagSaysWhetherItIsCaughtUpAndOtherwiseByHowMuch() {
        assertThat(new SubscriptionCell("app", "2026-11-26T10:15:00.000Z", null, 0).lagText())
                .isEqualTo("no event yet");
        assertThat(new SubscriptionCell("app", "2026-11-26T10:15:00.000Z", 0L, 5).lagText())
                .isEqualTo("caught up");
        assertThat(new SubscriptionCell("app", "2026-11-26T10:15:00.000Z", 86_400_000L, 5).lagText())
                .isEqualTo("86,400,000 ms behind");
        assertThat(new SubscriptionCell("app", null, null, 0).subscribed()).isFalse();
        assertThat(new SubscriptionCell("app", "2026-11-26T10:15:00.000Z", 0L, 0).subscribed())
                .isTrue();
    }
}
