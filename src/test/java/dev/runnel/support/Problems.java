package dev.runnel.support;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

/** The REST API's error answers as MockMvc sees them: RFC 9457 problems with an {@code errorType}. */
public final class Problems {

    private Problems() {}

    /**
     * A problem of the error type with the status: {@code application/problem+json}, its {@code type},
     * {@code title}, {@code status} and {@code errorType}, and, unless null, exactly this {@code detail}.
     */
    public static ResultMatcher problem(HttpStatus status, String errorType, String detail) {
        List<ResultMatcher> matchers = new ArrayList<>(List.of(
                status().is(status.value()),
                content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
                jsonPath("$.type").value("urn:runnel:error:" + errorType),
                jsonPath("$.title").value(status.getReasonPhrase()),
                jsonPath("$.status").value(status.value()),
                jsonPath("$.errorType").value(errorType)));
        if (detail != null) {
            matchers.add(jsonPath("$.detail").value(detail));
        }
        return result -> {
            for (ResultMatcher matcher : matchers) {
                matcher.match(result);
            }
        };
    }

    /** A problem of the error type with the status, whatever its detail. */
    public static ResultMatcher problem(HttpStatus status, String errorType) {
        return problem(status, errorType, null);
    }
}
