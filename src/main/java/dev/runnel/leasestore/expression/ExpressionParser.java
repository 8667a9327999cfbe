package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.expression.Token.Kind;
import dev.runnel.leasestore.model.AttributeValue;
import dev.runnel.leasestore.model.ValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the condition, update and projection parsers share: a cursor over the tokens, DynamoDB's syntax error
 * ({@code Syntax error; token: "x", near: "a x b"}), document paths with their placeholders resolved, and a cap
 * on nesting so that no input can run the parser out of stack.
 */
abstract class ExpressionParser {

    /** Deeper nesting than this (parentheses, NOT, function arguments) is refused. */
    static final int MAX_NESTING = 100;

    private final String source;
    private final List<Token> tokens;
    private final Placeholders placeholders;
    final Problems problems;
    private int index;
    private int depth;

    ExpressionParser(String source, Placeholders placeholders, Problems problems) {
        this.source = source;
        this.tokens = Tokenizer.tokenize(source);
        this.placeholders = placeholders;
        this.problems = problems;
    }

    /** Whether this grammar keeps the word for itself (so it cannot name an attribute). */
    abstract boolean isReserved(Token token);

    final Token peek() {
        return tokens.get(index);
    }

    final Token peekAfter() {
        return tokens.get(Math.min(index + 1, tokens.size() - 1));
    }

    final boolean at(Kind kind) {
        return peek().is(kind);
    }

    final boolean atKeyword(String keyword) {
        return peek().isKeyword(keyword);
    }

    final Token next() {
        Token token = tokens.get(index);
        if (!token.is(Kind.END)) {
            index++;
        }
        return token;
    }

    final Token expect(Kind kind) {
        if (!at(kind)) {
            throw syntaxError();
        }
        return next();
    }

    final void expectEnd() {
        expect(Kind.END);
    }

    /** DynamoDB's syntax error at the current token, quoting it with its neighbours. */
    final ValidationException syntaxError() {
        Token token = tokens.get(index);
        boolean end = token.is(Kind.END);
        int from = index > 0 ? tokens.get(index - 1).start() : token.start();
        int to;
        if (end) {
            to = index > 0 ? tokens.get(index - 1).end() : token.end();
        } else {
            Token following = tokens.get(index + 1);
            to = following.is(Kind.END) ? token.end() : following.end();
        }
        String text = end ? "<EOF>" : token.text();
        return problems.invalid("Syntax error; token: \"" + text + "\", near: \"" + source.substring(from, to) + "\"");
    }

    /** Enters one more level of nesting; pair with {@link #leave()}. */
    final void enter() {
        if (++depth > MAX_NESTING) {
            throw problems.invalid("The expression has too many nesting levels; nesting levels: " + depth);
        }
    }

    final void leave() {
        depth--;
    }

    /** Whether the current token can start a document path. */
    final boolean atPathStart() {
        Token token = peek();
        return token.is(Kind.NAME) || (token.is(Kind.WORD) && !isReserved(token));
    }

    /** A document path: {@code name}, {@code #placeholder}, then any {@code .name} and {@code [index]}. */
    final Path parsePath() {
        List<PathElement> elements = new ArrayList<>();
        elements.add(new PathElement.Field(attributeName()));
        while (true) {
            if (at(Kind.DOT)) {
                next();
                elements.add(new PathElement.Field(attributeName()));
            } else if (at(Kind.LBRACKET)) {
                next();
                elements.add(new PathElement.Index(listIndex()));
                expect(Kind.RBRACKET);
            } else {
                break;
            }
        }
        if (elements.size() > Path.MAX_DEPTH) {
            problems.report(
                    Problems.Kind.LIMIT,
                    "The document path has too many nesting levels; nesting levels: " + elements.size());
        }
        return new Path(elements);
    }

    private String attributeName() {
        if (!atPathStart()) {
            throw syntaxError();
        }
        Token token = next();
        return token.is(Kind.NAME) ? resolveName(token.text()) : token.text();
    }

    private int listIndex() {
        if (!at(Kind.NUMBER) || peek().text().length() > 9) {
            throw syntaxError();
        }
        return Integer.parseInt(next().text());
    }

    private String resolveName(String placeholder) {
        String name = placeholders.name(placeholder);
        if (name == null) {
            problems.report(Problems.Kind.UNDEFINED_NAME, Messages.undefinedName(placeholder));
            return placeholder;
        }
        return name;
    }

    /** The value of a {@code :placeholder} token (consumed); NULL after reporting an undefined one. */
    final Operand.Value valueOperand() {
        String placeholder = expect(Kind.VALUE).text();
        AttributeValue value = placeholders.value(placeholder);
        if (value == null) {
            problems.report(Problems.Kind.UNDEFINED_VALUE, Messages.undefinedValue(placeholder));
            value = new AttributeValue.Null();
        }
        return new Operand.Value(placeholder, value);
    }
}
