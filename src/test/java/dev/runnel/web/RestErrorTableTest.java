package dev.runnel.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.core.error.KinesisException;
import dev.runnel.core.error.ResourceNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class RestErrorTableTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyKinesisErrorHasAStatus() {
        Class<?>[] types = KinesisException.class.getPermittedSubclasses();
        assertThat(types).hasSizeGreaterThanOrEqualTo(10);
        for (Class<?> type : types) {
            HttpStatus status = RestErrorTable.statusOf((Class<? extends KinesisException>) type);
            assertThat(status.is4xxClientError()
                            || status == HttpStatus.INTERNAL_SERVER_ERROR
                            || status == HttpStatus.SERVICE_UNAVAILABLE)
                    .as("%s maps to %s", type.getSimpleName(), status)
                    .isTrue();
        }
    }

    @Test
    void problemNamesTheKinesisException() {
        ProblemDetail problem = RestErrorTable.problem(new ResourceNotFoundException("Stream s not found."));
        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getType().toString()).isEqualTo("urn:runnel:error:ResourceNotFoundException");
        assertThat(problem.getDetail()).isEqualTo("Stream s not found.");
        assertThat(problem.getProperties()).containsEntry("errorType", "ResourceNotFoundException");
    }

    @Test
    void answersKnownOnlyByTheirStatusGetATypeOfTheTable() {
        assertThat(RestErrorTable.errorTypeOf(404)).isEqualTo("UnknownOperationException");
        assertThat(RestErrorTable.errorTypeOf(405)).isEqualTo("UnknownOperationException");
        assertThat(RestErrorTable.errorTypeOf(408)).isEqualTo("RequestTimeout");
        assertThat(RestErrorTable.errorTypeOf(414)).isEqualTo("RequestTooLarge");
        assertThat(RestErrorTable.errorTypeOf(431)).isEqualTo("RequestTooLarge");
        assertThat(RestErrorTable.errorTypeOf(406)).isEqualTo("SerializationException");
        assertThat(RestErrorTable.errorTypeOf(503)).isEqualTo("InternalFailure");
        for (int status : new int[] {400, 404, 405, 406, 408, 413, 414, 415, 417, 431, 500, 503}) {
            assertThat(RestErrorTable.errorTypes()).contains(RestErrorTable.errorTypeOf(status));
        }
    }

    @Test
    void detailsAreMadePrintable() {
        ProblemDetail problem =
                RestErrorTable.problem(HttpStatus.BAD_REQUEST, "SerializationException", "Value '\uDC00' at 'limit'");
        assertThat(problem.getDetail()).isEqualTo("Value '\uFFFD' at 'limit'");
    }
}
