package dev.runnel.core.hash;

import java.math.BigInteger;
import java.util.List;

/** The routing test vectors of KINESIS_SPEC.md §5.1. */
final class RoutingVectors {

    record Vector(String key, String md5Hex, String decimal, int shardOf2, int shardOf4) {
        BigInteger value() {
            return new BigInteger(decimal);
        }
    }

    static final List<Vector> ALL = List.of(
            new Vector("pk", "1cd3c693132f4c31b5b5e5f4c5eed6bd", "38317986088707300215492326132921849533", 0, 0),
            new Vector("a", "0cc175b9c0f1b6a831c399e269772661", "16955237001963240173058271559858726497", 0, 0),
            new Vector("user-42", "7631bc07a1cc8fcd56e70fc6b2fb4a43", "157107139746365290205026809710278036035", 0, 1),
            new Vector(
                    "\u00e9t\u00e9",
                    "deaf6a1e9612a4d8c221e68ee23d58d2",
                    "295999419373203071729176520050689792210",
                    1,
                    3));

    static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
    static final BigInteger MAX = TWO_128.subtract(BigInteger.ONE);

    private RoutingVectors() {}
}
