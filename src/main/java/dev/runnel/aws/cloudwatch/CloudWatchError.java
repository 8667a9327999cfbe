package dev.runnel.aws.cloudwatch;

/**
 * The errors the CloudWatch edge answers, with their name in each protocol. CloudWatch's own errors keep their
 * awsQuery code on every protocol: JSON and CBOR answers name the error's shape in {@code __type} (what the SDKs map
 * to an exception class) and carry the query code in {@code x-amzn-query-error} (what they report as the error code),
 * as CloudWatch, an {@code awsQueryCompatible} service, does.
 *
 * @param queryCode the {@code Code} of an awsQuery {@code ErrorResponse}
 * @param shape the error's shape name
 * @param modelled whether CloudWatch's model has the error (its JSON and CBOR answers then name the shape's ID)
 */
record CloudWatchError(int status, String queryCode, String shape, boolean modelled) {

    static final CloudWatchError INVALID_PARAMETER_VALUE =
            new CloudWatchError(400, "InvalidParameterValue", "InvalidParameterValueException", true);
    static final CloudWatchError MISSING_PARAMETER =
            new CloudWatchError(400, "MissingParameter", "MissingRequiredParameterException", true);
    static final CloudWatchError INVALID_PARAMETER_COMBINATION =
            new CloudWatchError(400, "InvalidParameterCombination", "InvalidParameterCombinationException", true);
    static final CloudWatchError INTERNAL_FAILURE =
            new CloudWatchError(500, "InternalServiceError", "InternalServiceFault", true);
    /** A body that does not decode: not CBOR, JSON or a form, a member of the wrong type, a broken gzip stream. */
    static final CloudWatchError UNREADABLE =
            new CloudWatchError(400, "InvalidQueryParameter", "SerializationException", false);

    static final CloudWatchError UNKNOWN_OPERATION =
            new CloudWatchError(400, "InvalidAction", "UnknownOperationException", false);
    /** A form without {@code Action}: awsQuery only. */
    static final CloudWatchError MISSING_ACTION =
            new CloudWatchError(400, "MissingAction", "UnknownOperationException", false);

    static final CloudWatchError INVALID_SIGNATURE =
            new CloudWatchError(400, "InvalidSignatureException", "InvalidSignatureException", false);
    /** Too many request bodies in flight: AWS's common error, which every SDK retries. */
    static final CloudWatchError SERVICE_UNAVAILABLE =
            new CloudWatchError(503, "ServiceUnavailable", "ServiceUnavailable", false);

    /** The namespace of CloudWatch's shapes, which prefixes the {@code __type} of its own errors. */
    private static final String SHAPE_NAMESPACE = "com.amazonaws.cloudwatch#";

    /** An error that is no CloudWatch error, named alike in every protocol (such as Tomcat's RequestTimeout). */
    static CloudWatchError common(int status, String name) {
        return new CloudWatchError(status, name, name, false);
    }

    /** The {@code __type} of a JSON or CBOR error: the shape ID for CloudWatch's errors, else the plain name. */
    String type() {
        return modelled ? SHAPE_NAMESPACE + shape : shape;
    }

    /** {@code Sender} for the client's errors, {@code Receiver} for the server's, as awsQuery says it. */
    String fault() {
        return status < 500 ? "Sender" : "Receiver";
    }

    /** The {@code x-amzn-query-error} header of a JSON or CBOR error, or null for errors CloudWatch does not model. */
    String queryErrorHeader() {
        return modelled ? queryCode + ";" + fault() : null;
    }
}
