package dev.runnel.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which threads run requests on which Java release, for each value of {@code runnel.http.threads}. */
class RequestThreadsTest {

    @ParameterizedTest(name = "{0} on Java {1}: {2}")
    @CsvSource({
        "AUTO, 17, PER_CORE",
        "AUTO, 21, PER_CORE",
        "AUTO, 23, PER_CORE",
        "AUTO, 24, VIRTUAL",
        "AUTO, 25, VIRTUAL",
        "PLATFORM, 25, PLATFORM",
        "VIRTUAL, 21, VIRTUAL",
        "PER_CORE, 25, PER_CORE"
    })
    void autoChoosesVirtualThreadsFromJava24OnThePerCorePoolBeforeTheOthersAreTakenAsSaid(
            RequestThreads threads, int feature, RequestThreads chosen) {
        assertThat(threads.chosenOn(feature)).isEqualTo(chosen);
    }

    @ParameterizedTest(name = "{0} on Java {1}: possible {2}")
    @CsvSource({"VIRTUAL, 17, false", "VIRTUAL, 20, false", "VIRTUAL, 21, true", "AUTO, 17, true", "PLATFORM, 17, true"
    })
    void virtualThreadsNeedJava21(RequestThreads threads, int feature, boolean possible) {
        assertThat(threads.possibleOn(feature)).isEqualTo(possible);
    }
}
