package dev.runnel.aws.cloudwatch;

/**
 * The errors the CloudWatch edge answers, with their name in each protocol. CloudWatch's own errors keep their
 * awsQuery code on every protocol: JSON and CBOR answers name the error's shape in {@code __type} (what the SDKs map
 * to an exception class) and carry the query code in {@code x-amzn-query-error} (what they report as the error code),
 * as CloudWatch, an {@code awsQueryCompatible} service, does.
 */
enum CloudWatchError {
    INVALID_PARAMETER_VALUE(400, "InvalidParameterValue", "InvalidParameterValueException", true),
    MISSING_PARAMETER(400, "MissingParameter", "MissingRequiredParameterException", true),
    INVALID_PARAMETER_COMBINATION(400, "InvalidParameterCombination", "InvalidParameterCombinationException", true),
    INTERNAL_FAILURE(500, "InternalServiceError", "InternalServiceFault", true),
    /** A body that does not decode: not CBOR, JSON or a form, a member of the wrong type, a broken gzip stream. */
    UNREADABLE(400, "InvalidQueryParameter", "SerializationException", false),
    UNKNOWN_OPERATION(400, "InvalidAction", "UnknownOperationException", false),
    /** A form without {@code Action}: awsQuery only. */
    MISSING_ACTION(400, "MissingAction", "UnknownOperationException", false),
    INVALID_SIGNATURE(400, "InvalidSignatureException", "InvalidSignatureException", false);

    /** The namespace of CloudWatch's shapes, which prefixes the {@code __type} of its own errors. */
    private static final String SHAPE_NAMESPACE = "com.amazonaws.cloudwatch#";

    private final int status;
    private final String queryCode;
    private final String shape;
    private final boolean modelled;

    CloudWatchError(int status, String queryCode, String shape, boolean modelled) {
        this.status = status;
        this.queryCode = queryCode;
        this.shape = shape;
        this.modelled = modelled;
    }

    int status() {
        return status;
    }

    /** The {@code Code} of an awsQuery {@code ErrorResponse}. */
    String queryCode() {
        return queryCode;
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
