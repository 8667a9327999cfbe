package dev.runnel.leasestore.expression;

import dev.runnel.leasestore.expression.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Parser for projection expressions: {@code path (, path)*}, no two paths overlapping or conflicting. */
final class ProjectionParser extends ExpressionParser {

    private ProjectionParser(String text, Placeholders placeholders, Problems problems) {
        super(text, placeholders, problems);
    }

    static PathProjection parse(String text, Placeholders placeholders, Problems problems) {
        ProjectionParser parser = new ProjectionParser(text, placeholders, problems);
        List<Path> paths = new ArrayList<>(List.of(parser.parsePath()));
        while (parser.at(Kind.COMMA)) {
            parser.next();
            paths.add(parser.parsePath());
        }
        parser.expectEnd();
        Path.checkOverlaps(paths, problems);
        problems.throwFirst();
        return new PathProjection(paths);
    }

    /** Projections keep no words for themselves: {@code and} or {@code set} are attribute names there. */
    @Override
    boolean isReserved(Token token) {
        return false;
    }
}
