package dev.runnel.leasestore.expression;

/**
 * One token of an expression: its kind, its text exactly as written, and where it stands in the source (so a
 * syntax error can quote the text around it, as DynamoDB does).
 */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        /** A name or keyword: a letter or {@code _}, then letters, digits and {@code _}. */
        WORD,
        /** An expression attribute name placeholder, {@code #name}. */
        NAME,
        /** An expression attribute value placeholder, {@code :value}. */
        VALUE,
        /** Digits only (a list index). */
        NUMBER,
        LPAREN,
        RPAREN,
        LBRACKET,
        RBRACKET,
        COMMA,
        DOT,
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE,
        PLUS,
        MINUS,
        /** Anything the language has no use for: a stray character, a lone {@code #} or {@code :}, {@code 1a}. */
        INVALID,
        END
    }

    boolean is(Kind expected) {
        return kind == expected;
    }

    /** Whether this is the given keyword, which DynamoDB matches regardless of case. */
    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }
}
