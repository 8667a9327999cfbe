package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.model.AttributeValue;

/** Resolves {@code #name} and {@code :value} placeholders, noting each one used. */
interface Placeholders {

    /** The attribute name for the placeholder, or null if the request defines none. */
    String name(String placeholder);

    /** The value for the placeholder, or null if the request defines none. */
    AttributeValue value(String placeholder);
}
