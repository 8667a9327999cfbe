package dev.runnel.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every meter Runnel registers, wherever in the application, explains itself: its description is the HELP line
 * Prometheus shows; and no HELP line at /actuator/prometheus is empty, the framework's meters included. (Same
 * settings as {@link RestEdgesIT}, so the two share one started server.)
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"runnel.http.max-request-size=1MB", "runnel.streams.create-delay=0"})
class PrometheusHelpIT {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Test
    void noRunnelMeterLacksADescriptionAndNoHelpLineIsEmpty() throws InterruptedException {
        RestClient client = new RestClient(port);
        assertThat(client.post("/streams", Map.of("streamName", "described", "shardCount", 1))
                        .status())
                .isEqualTo(201);
        String text = "";
        for (int attempt = 0; attempt < 50 && !text.contains("stream=\"described\""); attempt++) {
            Thread.sleep(100);
            text = client.text("/actuator/prometheus");
        }
        assertThat(text).contains("stream=\"described\"");

        List<Meter> runnelMeters = registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith("kinesis")
                        || meter.getId().getName().startsWith("runnel"))
                .toList();
        assertThat(runnelMeters)
                .isNotEmpty()
                .allSatisfy(meter -> assertThat(meter.getId().getDescription())
                        .as("description of %s", meter.getId().getName())
                        .isNotBlank());

        List<String> help =
                text.lines().filter(line -> line.startsWith("# HELP ")).toList();
        assertThat(help)
                .filteredOn(line -> line.startsWith("# HELP kinesis") || line.startsWith("# HELP runnel"))
                .hasSizeGreaterThanOrEqualTo(9);
        assertThat(help)
                .as("HELP lines of every meter, Runnel's and the framework's")
                .allSatisfy(line -> assertThat(line).as("a HELP line with text").matches("# HELP \\S+ \\S.*"));
    }
}
