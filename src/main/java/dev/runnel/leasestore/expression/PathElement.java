package dev.runnel.leasestore.expression;

/** One step of a document path: a map key ({@code a.b}) or a list index ({@code a[2]}). */
sealed interface PathElement {

    record Field(String name) implements PathElement {
        @Override
        public String toString() {
            return name;
        }
    }

    record Index(int index) implements PathElement {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }
}
