package dev.runnel.aws;

import dev.runnel.core.error.Constraints;

/**
 * A request shape of the Kinesis protocol. Members are named as on the wire, in lowerCamel (the mappers turn
 * {@code streamName} into {@code StreamName}); absent members are null.
 */
public interface AwsInput {

    /** Adds the violations of the service model's constraints (length, pattern, range, required members). */
    void validate(Constraints check);
}
