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
            assertThat(status.is4xxClientError() || status == HttpStatus.INTERNAL_SERVER_ERROR)
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
}
