package dev.runnel.aws.cloudwatch;

import dev.runnel.core.error.ErrorText;

/** A call the CloudWatch edge refuses: the error and its message, made printable (it may echo the client's text). */
final class CloudWatchException extends RuntimeException {

    private final CloudWatchError error;

    CloudWatchException(CloudWatchError error, String message) {
        super(ErrorText.printable(message), null, false, false);
        this.error = error;
    }

    CloudWatchError error() {
        return error;
    }

    static CloudWatchException invalid(String message) {
        return new CloudWatchException(CloudWatchError.INVALID_PARAMETER_VALUE, message);
    }

    static CloudWatchException missing(String parameter) {
        return new CloudWatchException(
                CloudWatchError.MISSING_PARAMETER, "The parameter " + parameter + " is required.");
    }

    static CloudWatchException exclusive(String first, String second) {
        return new CloudWatchException(
                CloudWatchError.INVALID_PARAMETER_COMBINATION,
                "The parameters " + first + " and " + second + " are mutually exclusive and you have specified both.");
    }

    static CloudWatchException unreadable(String message) {
        return new CloudWatchException(CloudWatchError.UNREADABLE, message);
    }
}
