package dev.runnel.core.error;

import java.util.List;

/**
 * A request breaks a constraint of the Kinesis service model (length, pattern, range, required member).
 * The message follows AWS's format: {@code 1 validation error detected: Value '' at 'streamName' failed to
 * satisfy constraint: Member must have length greater than or equal to 1}.
 */
public final class ValidationException extends KinesisException {

    public ValidationException(String message) {
        super(message);
    }

    /** Builds the AWS-format message from one or more violations (AWS reports at most ten). */
    public static ValidationException of(List<String> violations) {
        List<String> shown = violations.size() > 10 ? violations.subList(0, 10) : violations;
        String noun = shown.size() == 1 ? "error" : "errors";
        return new ValidationException(shown.size() + " validation " + noun + " detected: " + String.join("; ", shown));
    }

    public static ValidationException of(String violation) {
        return of(List.of(violation));
    }
}
