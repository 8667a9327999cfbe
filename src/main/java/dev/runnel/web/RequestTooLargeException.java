package dev.runnel.web;

import java.io.IOException;

/** Thrown while reading a request body that grows past the configured limit. */
public final class RequestTooLargeException extends IOException {

    public RequestTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes (runnel.http.max-request-size).");
    }
}
