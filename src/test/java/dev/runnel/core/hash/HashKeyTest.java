package dev.runnel.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.core.error.InvalidArgumentException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HashKeyTest {

    private static final String MAX_DECIMAL = "340282366920938463463374607431768211455";
    private static final String TWO_128_DECIMAL = "340282366920938463463374607431768211456";

    @Test
    void vectorsDecodeFromMd5BytesAsUnsigned() {
        for (RoutingVectors.Vector v : RoutingVectors.ALL) {
            HashKey key = HashKey.fromBytes(HexFormat.of().parseHex(v.md5Hex()));
            assertThat(key.toBigInteger()).as(v.key()).isEqualTo(v.value());
            assertThat(key.toString()).as(v.key()).isEqualTo(v.decimal());
            assertThat(HashKey.parse(v.decimal())).contains(key);
        }
    }

    @Test
    void maxIsTwoToThe128MinusOne() {
        assertThat(HashKey.MAX.toBigInteger()).isEqualTo(RoutingVectors.MAX);
        assertThat(HashKey.MAX.toString()).isEqualTo(MAX_DECIMAL);
        assertThat(HashKey.MIN.toBigInteger()).isEqualTo(BigInteger.ZERO);
        assertThat(HashKey.KEY_SPACE).isEqualTo(RoutingVectors.TWO_128);
    }

    @Test
    void parsesTheLargestKey() {
        assertThat(HashKey.parse(MAX_DECIMAL)).contains(HashKey.MAX);
        assertThat(HashKey.parseExplicit(MAX_DECIMAL)).isEqualTo(HashKey.MAX);
        assertThat(HashKey.parse("0")).contains(HashKey.MIN);
    }

    @Test
    void rejectsTwoToThe128() {
        assertThat(HashKey.parse(TWO_128_DECIMAL)).isEmpty();
        assertThatThrownBy(() -> HashKey.parseExplicit(TWO_128_DECIMAL))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. "
                        + "Specified value was " + TWO_128_DECIMAL);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "-1",
                "+1",
                "1a",
                "a",
                " 1",
                "1 ",
                "1.0",
                "1e3",
                "0x10",
                "\u0661",
                "99999999999999999999999999999999999999999"
            })
    void rejectsWhatIsNotAPlainDecimalInRange(String text) {
        assertThat(HashKey.parse(text)).isEmpty();
        assertThatThrownBy(() -> HashKey.parseExplicit(text))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1].");
    }

    @Test
    void leadingZerosAreAllowed() {
        assertThat(HashKey.parse("000123")).contains(HashKey.of(BigInteger.valueOf(123)));
    }

    @Test
    void ofRejectsValuesOutsideTheKeySpace() {
        assertThatThrownBy(() -> HashKey.of(BigInteger.valueOf(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HashKey.of(RoutingVectors.TWO_128)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HashKey.fromBytes(new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bigIntegerRoundTripAndUnsignedOrderForRandomKeys() {
        Random random = new Random(42);
        HashKey previous = HashKey.MIN;
        BigInteger previousValue = BigInteger.ZERO;
        for (int i = 0; i < 5_000; i++) {
            BigInteger value = switch (i % 4) {
                case 0 -> new BigInteger(128, random);
                case 1 -> RoutingVectors.MAX.subtract(BigInteger.valueOf(random.nextInt(1000)));
                case 2 -> BigInteger.ONE.shiftLeft(random.nextInt(128));
                default -> BigInteger.ONE.shiftLeft(random.nextInt(128) + 1).subtract(BigInteger.ONE);
            };
            HashKey key = HashKey.of(value);
            assertThat(key.toBigInteger()).isEqualTo(value);
            assertThat(HashKey.parse(value.toString())).contains(key);
            byte[] bytes = new byte[16];
            byte[] raw = value.toByteArray();
            int copy = Math.min(raw.length, 16);
            System.arraycopy(raw, raw.length - copy, bytes, 16 - copy, copy);
            assertThat(HashKey.fromBytes(bytes)).isEqualTo(key);
            assertThat(Integer.signum(key.compareTo(previous))).isEqualTo(value.compareTo(previousValue));
            previous = key;
            previousValue = value;
        }
    }
}
