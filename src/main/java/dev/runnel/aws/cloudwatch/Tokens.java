package dev.runnel.aws.cloudwatch;

import tools.jackson.core.JsonToken;

/** How error messages name what a decoder met, in JSON's (and CBOR's) terms. */
final class Tokens {

    private Tokens() {}

    static String name(JsonToken token) {
        if (token == null) {
            return "the end of the body";
        }
        return switch (token) {
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_STRING -> "a string";
            case VALUE_EMBEDDED_OBJECT -> "a byte string";
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a structure";
            default -> "something else";
        };
    }
}
