package dev.runnel.core.channel;

import dev.runnel.core.error.Constraints;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/** Service-model checks the channel shapes share. Stateless. */
final class Checks {

    static final Pattern BUCKET_ARN = Pattern.compile("arn:aws[-a-z0-9]*:s3:::[a-z0-9._-]{3,63}");
    static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private Checks() {}

    /** An unmodifiable copy of a list that may hold nulls (a request can send them); null stays null. */
    static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** A string member that must be one of an enum's values; null passes. */
    static void oneOf(Constraints check, String path, String value, List<String> allowed) {
        if (value != null) {
            check.violation(path, value, allowed.contains(value), "Member must satisfy enum value set: " + allowed);
        }
    }

    /** A required string member of a pattern and length. */
    static void requiredString(Constraints check, String path, String value, int min, int max, Pattern pattern) {
        if (check.required(path, value)) {
            check.string(path, value, min, max, pattern);
        }
    }

    /** A bucket's ARN and expected owner, as the destination and dead-letter shapes both hold them. */
    static void bucket(Constraints check, String path, String bucketARN, String expectedBucketOwner) {
        requiredString(check, path + ".bucketARN", bucketARN, 1, 2048, BUCKET_ARN);
        requiredString(check, path + ".expectedBucketOwner", expectedBucketOwner, 12, 12, ACCOUNT);
    }
}
