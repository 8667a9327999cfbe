package dev.runnel.web;

/**
 * The wording for query or form parameters that do not decode, which Tomcat reports as an {@code
 * InvalidParameterException} when they are first read: shared by the REST API's problem and the console's page.
 */
public final class MalformedParameters {

    public static final String DETAIL = "The request's parameters (its query string, or a form body) could not be "
            + "decoded: each '%' must be followed by two hexadecimal digits, the decoded bytes must be UTF-8, and "
            + "their number is limited (server.tomcat.max-parameter-count).";

    private MalformedParameters() {}
}
