package dev.runnel.regions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.insight.InMemoryTrafficMeter;
import dev.runnel.settings.AwsRegionNames;
import dev.runnel.settings.RunnelProperties;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import dev.runnel.storage.memory.InMemoryStreamCatalog;
import dev.runnel.support.ManualClock;
import dev.runnel.throttling.Throttler;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 17, item 10: any name matching a pattern made a region, 5,000 of them 65 MiB, one of 7,000 characters. */
class RegionsTest {

    private static Regions regions(RunnelProperties properties) {
        return new Regions(
                region -> new InMemoryStreamCatalog(),
                new InMemoryShardLogStore(1L << 24, 1 << 20, 16_384),
                new ManualClock(),
                properties,
                new InMemoryTrafficMeter(),
                Throttler.unlimited());
    }

    private static RunnelProperties withRegions(String region, List<String> names) {
        RunnelProperties d = RunnelProperties.defaults();
        return new RunnelProperties(
                d.accountId(),
                region,
                d.streams(),
                d.iterators(),
                d.storage(),
                d.http(),
                d.onDemand(),
                d.limits(),
                d.faults(),
                d.insight(),
                d.fanOut(),
                d.kcl(),
                d.kafka(),
                d.https(),
                names);
    }

    @Test
    void byDefaultAwsRegionsAreServedEachWithItsOwnStreams() {
        Regions regions = regions(RunnelProperties.defaults());
        assertThat(regions.served()).containsExactlyInAnyOrderElementsOf(AwsRegionNames.ALL);
        assertThat(regions.served())
                .contains("us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1", "eusc-de-east-1");
        RegionServices ireland = regions.find("eu-west-1").orElseThrow();
        assertThat(ireland.region()).isEqualTo("eu-west-1");
        assertThat(ireland.streams()).isNotSameAs(regions.defaultRegion().streams());
        assertThat(regions.find("eu-west-1")).containsSame(ireland);
    }

    @Test
    void otherNamesMakeNoRegion() {
        Regions regions = regions(RunnelProperties.defaults());
        regions.defaultRegion();
        for (int i = 0; i < 5_000; i++) {
            assertThat(regions.find("xx-fake-" + i)).isEmpty();
        }
        assertThat(regions.find("us-east-" + "1".repeat(7_000))).isEmpty();
        assertThat(regions.find("US-EAST-1")).isEmpty();
        assertThat(regions.find(null)).isEmpty();
        assertThat(regions.all()).hasSize(1);
    }

    @Test
    void theSettingsNameTheRegionsAndTheDefaultIsAlwaysOne() {
        Regions regions = regions(withRegions("local", List.of("eu-west-1", "test-1")));
        assertThat(regions.served()).containsExactly("eu-west-1", "local", "test-1");
        assertThat(regions.find("local")).containsSame(regions.defaultRegion());
        assertThat(regions.find("test-1")).isPresent();
        assertThat(regions.find("us-east-1")).isEmpty();
    }

    @Test
    void anEmptyListMeansAwsRegions() {
        assertThat(regions(withRegions("us-east-1", List.of())).served())
                .containsExactlyInAnyOrderElementsOf(AwsRegionNames.ALL);
        assertThat(regions(withRegions("us-east-1", null)).served())
                .containsExactlyInAnyOrderElementsOf(AwsRegionNames.ALL);
    }
}
