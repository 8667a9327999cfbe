package dev.runnel.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SequenceNumberTest {

    private static final long[] EXTREME_LONGS = {
        0,
        1,
        2,
        Long.MAX_VALUE,
        Long.MAX_VALUE - 1,
        Long.MIN_VALUE,
        -1,
        -2,
        0xFFFF_FFFFL,
        1L << 32,
        System.currentTimeMillis() << 20
    };
    private static final int[] EXTREME_INTS = {
        0, 1, 2, 255, 256, 65_535, 65_536, Integer.MAX_VALUE - 1, Integer.MAX_VALUE
    };
    private static final long[] EXTREME_POSITIONS = {
        0, 1, 2, (1L << 24) - 1, 1L << 24, 1L << 40, Long.MAX_VALUE - 1, Long.MAX_VALUE
    };

    @Test
    void isAlwaysFiftySixDigitsAndRoundTripsForExtremes() {
        for (long incarnation : EXTREME_LONGS) {
            for (int shard : EXTREME_INTS) {
                for (long position : EXTREME_POSITIONS) {
                    assertRoundTrip(new SequenceNumber(incarnation, shard, position));
                }
            }
        }
    }

    @Test
    void isAlwaysFiftySixDigitsAndRoundTripsForRandomValues() {
        Random random = new Random(56);
        for (int i = 0; i < 20_000; i++) {
            long position = random.nextBoolean() ? random.nextLong() & Long.MAX_VALUE : random.nextInt(1_000_000);
            SequenceNumber number =
                    new SequenceNumber(random.nextLong(), random.nextInt() & Integer.MAX_VALUE, position);
            assertRoundTrip(number);
        }
    }

    private static void assertRoundTrip(SequenceNumber number) {
        String text = number.toString();
        assertThat(text).as("%s", number).hasSize(56).containsOnlyDigits().doesNotStartWith("0");
        assertThat(text).matches(SequenceNumber.WIRE_PATTERN);
        assertThat(new BigInteger(text)).isEqualTo(number.toBigInteger());
        SequenceNumber parsed = SequenceNumber.parse(text).orElseThrow();
        assertThat(parsed).isEqualTo(number);
        assertThat(parsed.incarnation()).isEqualTo(number.incarnation());
        assertThat(parsed.shardIndex()).isEqualTo(number.shardIndex());
        assertThat(parsed.position()).isEqualTo(number.position());
    }

    @Test
    void negativeIncarnationsAreReadAsUnsigned() {
        SequenceNumber negative = new SequenceNumber(-1, 0, 0);
        SequenceNumber positive = new SequenceNumber(Long.MAX_VALUE, 0, 0);
        assertThat(negative.toBigInteger()).isGreaterThan(positive.toBigInteger());
        assertThat(negative).isGreaterThan(positive);
        assertThat(negative.toString().compareTo(positive.toString())).isPositive();
    }

    @Test
    void growsStrictlyWithPositionWithinAShardAndStringOrderEqualsNumericOrder() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            long incarnation = random.nextLong();
            int shard = random.nextInt() & Integer.MAX_VALUE;
            long position = random.nextInt(1000);
            SequenceNumber previous = new SequenceNumber(incarnation, shard, position);
            for (int i = 0; i < 50; i++) {
                position += 1 + random.nextInt(round % 2 == 0 ? 3 : 1_000_000);
                SequenceNumber next = new SequenceNumber(incarnation, shard, position);
                assertThat(next.toBigInteger()).isGreaterThan(previous.toBigInteger());
                assertThat(next.compareTo(previous)).isPositive();
                assertThat(next.toString().compareTo(previous.toString())).isPositive();
                previous = next;
            }
        }
    }

    @Test
    void compareToAgreesWithNumericAndStringOrderForRandomPairs() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            SequenceNumber a = randomNumber(random);
            SequenceNumber b = random.nextInt(4) == 0
                    ? new SequenceNumber(a.incarnation(), a.shardIndex(), random.nextLong() & Long.MAX_VALUE)
                    : randomNumber(random);
            int numeric = a.toBigInteger().compareTo(b.toBigInteger());
            assertThat(Integer.signum(a.compareTo(b))).isEqualTo(numeric);
            assertThat(Integer.signum(a.toString().compareTo(b.toString()))).isEqualTo(numeric);
        }
    }

    @Test
    void aHigherShardIndexGivesHigherNumbersWithinAnIncarnation() {
        SequenceNumber parentEnd = new SequenceNumber(5, 0, Long.MAX_VALUE);
        SequenceNumber childStart = new SequenceNumber(5, 1, 0);
        assertThat(childStart.toBigInteger()).isGreaterThan(parentEnd.toBigInteger());
    }

    @Test
    void rejectsNegativeShardIndexOrPosition() {
        assertThatThrownBy(() -> new SequenceNumber(0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SequenceNumber(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "0",
                "1",
                "12345",
                // AWS's own 56-digit example does not decode to a Runnel position.
                "49546986683135544286507457936321625675700192471156785154",
                "4954698668313554428650745793632162567570019247115678515a",
                " 4954698668313554428650745793632162567570019247115678515",
                "-4954698668313554428650745793632162567570019247115678515",
                "10000000000000000000000000000000000000000000000000000000",
                "99999999999999999999999999999999999999999999999999999999",
                "000000000000000000000000000000000000000000000000000000000"
            })
    void rejectsGarbage(String text) {
        assertThat(SequenceNumber.parse(text)).isEmpty();
    }

    @Test
    void rejectsNumbersThatAreOneOffFromAValidOne() {
        SequenceNumber number = new SequenceNumber(123, 4, 5);
        BigInteger value = number.toBigInteger();
        assertThat(SequenceNumber.parse(value.add(BigInteger.ONE).toString())).isEmpty();
        assertThat(SequenceNumber.parse(value.subtract(BigInteger.ONE).toString()))
                .isEmpty();
        assertThat(SequenceNumber.parse(value.add(BigInteger.ONE.shiftLeft(23)).toString()))
                .isEmpty();
        assertThat(SequenceNumber.parse(value.add(BigInteger.ONE.shiftLeft(24)).toString()))
                .contains(new SequenceNumber(123, 4, 6));
    }

    @Test
    void rejectsShorterAndLongerForms() {
        String text = new SequenceNumber(1, 2, 3).toString();
        assertThat(SequenceNumber.parse(text.substring(1))).isEmpty();
        assertThat(SequenceNumber.parse(text + "0")).isEmpty();
        assertThat(SequenceNumber.parse("0" + text)).isEmpty();
    }

    @Test
    void rejectsShardIndexesAboveIntMaxAndPositionsOfSixtyFourBits() {
        BigInteger marker = BigInteger.ONE.shiftLeft(184);
        BigInteger bigShard = marker.add(BigInteger.valueOf(1L << 31).shiftLeft(88));
        assertThat(bigShard.toString()).hasSize(56);
        assertThat(SequenceNumber.parse(bigShard.toString())).isEmpty();
        BigInteger bigPosition = marker.add(BigInteger.ONE.shiftLeft(63).shiftLeft(24));
        assertThat(bigPosition.toString()).hasSize(56);
        assertThat(SequenceNumber.parse(bigPosition.toString())).isEmpty();
    }

    private static SequenceNumber randomNumber(Random random) {
        return new SequenceNumber(
                random.nextInt(3) == 0 ? random.nextInt(3) : random.nextLong(),
                random.nextInt(3) == 0 ? random.nextInt(3) : random.nextInt() & Integer.MAX_VALUE,
                random.nextInt(3) == 0 ? random.nextInt(3) : random.nextLong() & Long.MAX_VALUE);
    }
}
