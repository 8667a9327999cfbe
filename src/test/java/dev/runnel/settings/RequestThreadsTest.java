package dev.runnel.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which Java releases run requests on virtual threads, for each value of {@code runnel.http.threads}. */
class RequestThreadsTest {

    @ParameterizedTest(name = "{0} on Java {1}: virtual {2}")
    @CsvSource({
        "AUTO, 17, false",
        "AUTO, 21, false",
        "AUTO, 23, false",
        "AUTO, 24, true",
        "AUTO, 25, true",
        "PLATFORM, 25, false",
        "VIRTUAL, 21, true"
    })
    void autoChoosesVirtualThreadsFromJava24OnTheOthersAreTakenAsSaid(
            RequestThreads threads, int feature, boolean virtual) {
        assertThat(threads.virtualOn(feature)).isEqualTo(virtual);
    }

    @ParameterizedTest(name = "{0} on Java {1}: possible {2}")
    @CsvSource({"VIRTUAL, 17, false", "VIRTUAL, 20, false", "VIRTUAL, 21, true", "AUTO, 17, true", "PLATFORM, 17, true"
    })
    void virtualThreadsNeedJava21(RequestThreads threads, int feature, boolean possible) {
        assertThat(threads.possibleOn(feature)).isEqualTo(possible);
    }
}
