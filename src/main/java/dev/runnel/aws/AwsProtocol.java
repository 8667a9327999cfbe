package dev.runnel.aws;

import java.util.Locale;

/**
 * The two encodings of the Kinesis protocol. A request is answered in its own encoding; a request with no
 * Content-Type is answered in CBOR, as AWS does.
 */
public enum AwsProtocol {
    JSON("application/x-amz-json-1.1"),
    CBOR("application/x-amz-cbor-1.1");

    private final String contentType;

    AwsProtocol(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The protocol of a request's Content-Type: CBOR for the CBOR type or none, JSON for any JSON type. */
    public static AwsProtocol of(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return CBOR;
        }
        return contentType.toLowerCase(Locale.ROOT).contains("cbor") ? CBOR : JSON;
    }
}
