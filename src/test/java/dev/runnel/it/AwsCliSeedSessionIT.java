package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The seed blog post's CLI session ({@link CliSeedSession}), typed with the real AWS CLI v2 against a started server
 * with default settings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AwsCliSeedSessionIT {

    @LocalServerPort
    int port;

    @Test
    void theSeedSessionWorksWithTheAwsCli() throws Exception {
        assertThat(CliSeedSession.run(URI.create("http://localhost:" + port), "myKinesis"))
                .as("checks made")
                .isGreaterThanOrEqualTo(100);
    }
}
