package dev.runnel.leasestore.model;

import java.math.BigDecimal;

/**
 * DynamoDB's number rules: up to 38 significant digits, magnitudes from 1E-130 to below 1E+126 (or zero), kept
 * without trailing zeros.
 */
public final class Numbers {

    private static final int MAX_DIGITS = 38;
    private static final BigDecimal LARGEST_EXCLUSIVE = new BigDecimal("1E+126");
    private static final BigDecimal SMALLEST = new BigDecimal("1E-130");

    private Numbers() {}

    /**
     * Parses a number as a DynamoDB client sends it ({@code "42"}, {@code "-1.5"}, {@code "1E+3"}).
     *
     * @throws ValidationException if the text is not a number or is out of range
     */
    public static BigDecimal parse(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new ValidationException("The parameter cannot be converted to a numeric value: " + text);
        }
        return normalise(value);
    }

    /** The value without trailing zeros, checked against DynamoDB's precision and range. */
    static BigDecimal normalise(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.precision() > MAX_DIGITS) {
            throw new ValidationException("Attempting to store more than 38 significant digits in a Number");
        }
        BigDecimal magnitude = stripped.abs();
        if (magnitude.compareTo(LARGEST_EXCLUSIVE) >= 0) {
            throw new ValidationException(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (magnitude.compareTo(SMALLEST) < 0) {
            throw new ValidationException(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return stripped;
    }
}
