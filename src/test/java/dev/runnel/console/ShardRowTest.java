package dev.runnel.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShardRowTest {

    @Test
    void aKeysShareIsAWholePercentageAndASmallShareIsNotShownAsNothing() {
        assertThat(ShardRow.share(1.0)).isEqualTo("100%");
        assertThat(ShardRow.share(0.974)).isEqualTo("97%");
        assertThat(ShardRow.share(0.005)).isEqualTo("1%");
        assertThat(ShardRow.share(1 / 1118.0)).isEqualTo("<1%");
        assertThat(ShardRow.share(0)).isEqualTo("0%");
    }
}
