package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.expression.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into {@link Token}s. Never fails: a character the language does not know becomes an
 * {@link Kind#INVALID} token, which the parser then reports as a syntax error at that place. Whitespace (space,
 * tab, CR, LF) separates tokens and is otherwise ignored. The list always ends with one {@link Kind#END} token.
 */
final class Tokenizer {

    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int position;

    private Tokenizer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) {
        Tokenizer tokenizer = new Tokenizer(source);
        tokenizer.run();
        return List.copyOf(tokenizer.tokens);
    }

    private void run() {
        while (true) {
            skipWhitespace();
            if (position >= source.length()) {
                tokens.add(new Token(Kind.END, "", position, position));
                return;
            }
            readToken();
        }
    }

    private void skipWhitespace() {
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            position++;
        }
    }

    private void readToken() {
        int start = position;
        char c = source.charAt(position);
        if (isWordChar(c)) {
            int end = wordEnd(position);
            add(classifyWord(start, end), start, end);
        } else if (c == '#' || c == ':') {
            int end = wordEnd(position + 1);
            if (end == position + 1) {
                add(Kind.INVALID, start, end);
            } else {
                add(c == '#' ? Kind.NAME : Kind.VALUE, start, end);
            }
        } else if (c == '<') {
            char next = charAt(position + 1);
            if (next == '>') {
                add(Kind.NE, start, start + 2);
            } else if (next == '=') {
                add(Kind.LE, start, start + 2);
            } else {
                add(Kind.LT, start, start + 1);
            }
        } else if (c == '>') {
            boolean orEqual = charAt(position + 1) == '=';
            add(orEqual ? Kind.GE : Kind.GT, start, orEqual ? start + 2 : start + 1);
        } else {
            Kind single = single(c);
            int end = single == Kind.INVALID ? start + Character.charCount(source.codePointAt(start)) : start + 1;
            add(single, start, end);
        }
    }

    private static Kind single(char c) {
        return switch (c) {
            case '(' -> Kind.LPAREN;
            case ')' -> Kind.RPAREN;
            case '[' -> Kind.LBRACKET;
            case ']' -> Kind.RBRACKET;
            case ',' -> Kind.COMMA;
            case '.' -> Kind.DOT;
            case '=' -> Kind.EQ;
            case '+' -> Kind.PLUS;
            case '-' -> Kind.MINUS;
            default -> Kind.INVALID;
        };
    }

    private Kind classifyWord(int start, int end) {
        boolean digits = true;
        for (int i = start; i < end; i++) {
            if (!isDigit(source.charAt(i))) {
                digits = false;
                break;
            }
        }
        if (digits) {
            return Kind.NUMBER;
        }
        return isDigit(source.charAt(start)) ? Kind.INVALID : Kind.WORD;
    }

    private int wordEnd(int from) {
        int end = from;
        while (end < source.length() && isWordChar(source.charAt(end))) {
            end++;
        }
        return end;
    }

    private char charAt(int index) {
        return index < source.length() ? source.charAt(index) : '\0';
    }

    private void add(Kind kind, int start, int end) {
        tokens.add(new Token(kind, source.substring(start, end), start, end));
        position = end;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
