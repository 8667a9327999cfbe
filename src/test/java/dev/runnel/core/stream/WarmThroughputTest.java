package dev.runnel.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmThroughputTest {

    @Test
    void oneShardAbsorbsOneMiBPerSecond() {
        assertThat(WarmThroughput.shardsFor(0)).isZero();
        assertThat(WarmThroughput.shardsFor(1)).isEqualTo(1);
        assertThat(WarmThroughput.shardsFor(10)).isEqualTo(10);
        assertThat(WarmThroughput.shardsFor(WarmThroughput.MAX_MIBPS)).isEqualTo(10_240);
        assertThat(WarmThroughput.mibpsOf(4)).isEqualTo(4);
    }
}
