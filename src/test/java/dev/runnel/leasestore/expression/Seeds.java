package dev.runnel.leasestore.expression;

import java.util.Random;
import java.util.function.LongConsumer;

/**
 * Repeatable random tries for the property tests: each try gets a seed from a sequence fixed by {@value
 * #PROPERTY} (default {@value #DEFAULT}), and a failure names the seed that made it, so a failing try is rerun by
 * seeding {@link RandomExpressions} with it.
 */
final class Seeds {

    static final String PROPERTY = "expression.seed";
    static final long DEFAULT = 20261206L;

    private Seeds() {}

    static void each(int tries, LongConsumer check) {
        Random seeds = new Random(Long.getLong(PROPERTY, DEFAULT));
        for (int i = 0; i < tries; i++) {
            long seed = seeds.nextLong();
            try {
                check.accept(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("try " + i + " with seed " + seed + " failed: " + e.getMessage(), e);
            }
        }
    }
}
