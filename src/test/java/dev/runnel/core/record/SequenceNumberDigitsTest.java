package dev.runnel.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequenceNumberDigitsTest {

    @Test
    void aRunOfOneShardsNumbersMatchesTheirFullValues() {
        SequenceNumberDigits digits = new SequenceNumberDigits();
        long position = (1L << 30) - 5_000;
        for (int i = 0; i < 20_000; i++) {
            assertDigits(digits, new SequenceNumber(7, 3, position));
            position += i % 97 == 0 ? 1_000 : 1; // gaps as on a Kafka log, and across many limb carries
        }
    }

    @Test
    void stepsBackwardLargeOrToAnotherShardStartAgainFromTheBase() {
        SequenceNumberDigits digits = new SequenceNumberDigits();
        assertDigits(digits, new SequenceNumber(7, 3, 1_000));
        assertDigits(digits, new SequenceNumber(7, 3, 999));
        assertDigits(digits, new SequenceNumber(7, 3, 999 + (1L << 30)));
        assertDigits(digits, new SequenceNumber(7, 3, Long.MAX_VALUE));
        assertDigits(digits, new SequenceNumber(7, 4, Long.MAX_VALUE));
        assertDigits(digits, new SequenceNumber(8, 4, Long.MAX_VALUE));
        assertDigits(digits, new SequenceNumber(-1, Integer.MAX_VALUE, 0));
        assertDigits(digits, new SequenceNumber(-1, Integer.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void randomWalksAcrossShardsMatchTheirFullValues() {
        Random random = new Random(56);
        SequenceNumberDigits digits = new SequenceNumberDigits();
        SequenceNumber number = new SequenceNumber(random.nextLong(), 0, 0);
        for (int i = 0; i < 50_000; i++) {
            long position = switch (random.nextInt(6)) {
                case 0 -> random.nextLong() & Long.MAX_VALUE;
                case 1 -> Math.max(0, number.position() - random.nextInt(3));
                case 2 -> Math.min(Long.MAX_VALUE, number.position() + random.nextInt(1 << 30));
                default -> Math.min(Long.MAX_VALUE, number.position() + random.nextInt(3));
            };
            int shard = random.nextInt(20) == 0 ? random.nextInt() & Integer.MAX_VALUE : number.shardIndex();
            long incarnation = random.nextInt(50) == 0 ? random.nextLong() : number.incarnation();
            number = new SequenceNumber(incarnation, shard, position);
            assertDigits(digits, number);
        }
    }

    private static void assertDigits(SequenceNumberDigits digits, SequenceNumber number) {
        assertThat(new String(digits.of(number), StandardCharsets.ISO_8859_1))
                .as("%s", number)
                .isEqualTo(number.toBigInteger().toString());
    }
}
