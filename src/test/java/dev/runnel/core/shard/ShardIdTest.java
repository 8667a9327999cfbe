package dev.runnel.core.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ShardIdTest {

    @ParameterizedTest
    @CsvSource({
        "shardId-0, 0",
        "0, 0",
        "abc-7, 7",
        "shardId-000000000001, 1",
        "shardId-000000000042, 42",
        "000000000005, 5",
        "a-b-c-12, 12",
        "2147483647, 2147483647",
        "shardId-2147483647, 2147483647",
        "shardId-0000000000000000000000000000000000000009, 9"
    })
    void parsesLeniently(String text, int index) {
        assertThat(ShardId.parse(text)).contains(new ShardId(index));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "shardId-",
                "-",
                "abc",
                "shardId-abc",
                "shardId-1a",
                "shardId-+1",
                "1.0",
                "shardId-2147483648",
                "9223372036854775808",
                "99999999999999999999999999999999999999999999",
                "shardId- 1"
            })
    void rejectsTextThatNamesNoShard(String text) {
        assertThat(ShardId.parse(text)).isEmpty();
    }

    @Test
    void printsTheCanonicalTwelveDigitForm() {
        assertThat(new ShardId(0)).hasToString("shardId-000000000000");
        assertThat(new ShardId(7)).hasToString("shardId-000000000007");
        assertThat(new ShardId(123_456_789)).hasToString("shardId-000123456789");
        assertThat(new ShardId(Integer.MAX_VALUE)).hasToString("shardId-002147483647");
        assertThat(ShardId.parse("abc-7").orElseThrow()).hasToString("shardId-000000000007");
    }

    @Test
    void roundTripsThroughItsCanonicalForm() {
        for (int index : new int[] {0, 1, 9, 10, 999_999_999, Integer.MAX_VALUE}) {
            assertThat(ShardId.parse(new ShardId(index).toString())).contains(new ShardId(index));
        }
    }

    @Test
    void ordersByIndexAndRejectsNegatives() {
        assertThat(new ShardId(2)).isGreaterThan(new ShardId(1));
        assertThat(new ShardId(10).compareTo(new ShardId(9))).isPositive();
        assertThatThrownBy(() -> new ShardId(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
