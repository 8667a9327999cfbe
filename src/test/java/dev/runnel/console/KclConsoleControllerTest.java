package dev.runnel.console;

import static dev.runnel.console.LeaseItems.lease;
import static dev.runnel.console.LeaseItems.leaseTable;
import static dev.runnel.console.LeaseItems.put;
import static dev.runnel.console.LeaseItems.withParents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.runnel.core.error.Messages;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.Insights;
import dev.runnel.leasestore.LeaseStore;
import dev.runnel.leasestore.RegionTables;
import dev.runnel.storage.ShardLog;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import dev.runnel.storage.memory.InMemoryStreamCatalog;
import dev.runnel.streams.StreamLookup;
import dev.runnel.streams.StreamService;
import dev.runnel.support.CannedStreams;
import dev.runnel.support.RestSliceTest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The stream page's "KCL applications" section over mocked services, a real lease-store region and real shard logs:
 * which tables it lists, what each lease row says, and how the page loads and refreshes it.
 */
@RestSliceTest({KclConsoleController.class, StreamConsoleController.class})
class KclConsoleControllerTest {

    private static final String SHARD_0 = "shardId-000000000000";
    private static final String SHARD_1 = "shardId-000000000001";

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @Autowired
    Insights insights;

    @Autowired
    LeaseStore leaseStore;

    /** Answers null (unknown) unless a test says otherwise, as the console's default does. */
    @MockitoBean
    ProcessedRecordsRate processedRecordsRate;

    private final RegionTables tables = LeaseItems.region();
    private final Stream orders = CannedStreams.active("orders", 2);
    private String firstRecord;

    /**
     * Stream "orders" (two shards) is live; shard 0 took three records, 3, 2 and 1 seconds before {@link
     * CannedStreams#NOW}; the console's region of the lease store is {@link #tables}.
     */
    @BeforeEach
    void ordersWithThreeRecords() {
        CannedStreams.answerViews(streams);
        CannedStreams.answerQuietly(insights);
        when(streams.describe(StreamName.of("orders"))).thenReturn(orders);
        when(streams.live()).thenReturn(List.of(orders));
        InMemoryShardLogStore logs = new InMemoryShardLogStore(1 << 24, 1 << 16, 1_024);
        ShardLog shard0 = logs.create(orders.incarnation(), new ShardId(0));
        logs.create(orders.incarnation(), new ShardId(1));
        for (int ago = 3; ago >= 1; ago--) {
            shard0.append(
                    "k", new byte[] {1}, CannedStreams.NOW.minusSeconds(ago).toEpochMilli());
        }
        firstRecord = SequenceNumber.of(orders, new ShardId(0), 0).toString();
        when(streams.lookup()).thenReturn(new StreamLookup(new InMemoryStreamCatalog(), logs, CannedStreams.ACCOUNT));
        RegionTables elsewhere =
                new RegionTables("eu-west-1", CannedStreams.ACCOUNT, 4, 1 << 20, InstantSource.fixed(Instant.EPOCH));
        leaseTable(elsewhere, "other-region-app");
        put(elsewhere, "other-region-app", lease(SHARD_0, "w", 1, "LATEST"));
        when(leaseStore.regions()).thenReturn(List.of(elsewhere, tables));
        when(processedRecordsRate.recordsPerSecond(any(), any())).thenReturn(null);
    }

    private String fragment(String stream) throws Exception {
        return mvc.perform(get("/console/streams/" + stream + "/kcl"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/kcl :: applications"))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void withoutLeaseTablesTheSectionSaysHowOneAppears() throws Exception {
        assertThat(fragment("orders"))
                .contains("id=\"kcl\"", "aria-labelledby=\"kcl-heading\"", "id=\"no-kcl\"")
                .as("tables of another region are not the console's")
                .doesNotContain("other-region-app", "<table");
    }

    @Test
    void anApplicationShowsItsLeasesWithOwnerCheckpointLagAndLineageAndItsWorkers() throws Exception {
        leaseTable(tables, "orders-app");
        put(tables, "orders-app", lease(SHARD_0, "worker-1", 7, firstRecord));
        put(tables, "orders-app", withParents(lease(SHARD_1, null, 2, "LATEST"), SHARD_0));

        String html = fragment("orders");

        assertThat(html)
                .contains(
                        "data-application=\"orders-app\"",
                        "aria-labelledby=\"kcl-app-orders-app\"",
                        "<h3 class=\"table-heading\" id=\"kcl-app-orders-app\">orders-app</h3>",
                        "<th scope=\"col\">Lag behind the newest record</th>",
                        "<th scope=\"row\"><code class=\"shard-id\">" + SHARD_0 + "</code></th>",
                        "data-label=\"Owner\"",
                        "title=\"" + firstRecord + "\">…" + firstRecord.substring(46) + "</code>",
                        "<td data-label=\"Lease counter\" class=\"num lease-counter\">7</td>",
                        "<span class=\"lag-records\">2 records</span>",
                        "<span class=\"lag-millis\">2,000 ms</span>",
                        "<td data-label=\"Owner\" class=\"owner muted\">unowned</td>",
                        "<td data-label=\"Owner\" class=\"owner\">worker-1</td>",
                        "<span title=\"LATEST\">latest</span>",
                        "caught up",
                        "badge-waiting",
                        "<tr data-worker=\"worker-1\">",
                        "<td data-label=\"Leases held\" class=\"num\">1</td>",
                        "<dd class=\"kcl-rate\">—</dd>",
                        "hx-get=\"/console/streams/orders/kcl\"",
                        "hx-trigger=\"every 2s [!this.contains(document.activeElement)]\"")
                .doesNotContain("id=\"no-kcl\"", "Matched by shard ids", "load,");
    }

    @Test
    void theProcessedRateComesFromTheRateSourceWhenOneGivesIt() throws Exception {
        leaseTable(tables, "orders-app");
        put(tables, "orders-app", lease(SHARD_0, "worker-1", 7, "TRIM_HORIZON"));
        when(processedRecordsRate.recordsPerSecond("orders-app", "orders")).thenReturn(12.5);
        assertThat(fragment("orders"))
                .contains("<dd class=\"kcl-rate\">12.5 records/s</dd>", "3 records", "3,000 ms", ">trim horizon<");
    }

    @Test
    void aTableOtherStreamsCouldOwnToo() throws Exception {
        Stream clicks = CannedStreams.active("clicks", 2);
        when(streams.live()).thenReturn(List.of(clicks, orders));
        leaseTable(tables, "shared-app");
        put(tables, "shared-app", lease(SHARD_0, "worker-1", 1, "SHARD_END"));
        assertThat(fragment("orders"))
                .contains("data-application=\"shared-app\"", "Matched by shard ids", ">finished<", ">shard end<");
    }

    @Test
    void anUnknownStreamIsTheConsolesNotFoundPage() throws Exception {
        when(streams.describe(StreamName.of("nope"))).thenThrow(Messages.streamNotFound("nope", CannedStreams.ACCOUNT));
        mvc.perform(get("/console/streams/nope/kcl"))
                .andExpect(status().isNotFound())
                .andExpect(view().name("console/error"));
    }

    @Test
    void theStreamPageLoadsTheSectionAndRefreshesItLikeItsLiveParts() throws Exception {
        MvcResult page = mvc.perform(get("/console/streams/orders"))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(page.getResponse().getContentAsString())
                .contains(
                        "<section id=\"kcl\" aria-labelledby=\"kcl-heading\" hx-get=\"/console/streams/orders/kcl\"",
                        "hx-trigger=\"load, every 2s [!this.contains(document.activeElement)]\"",
                        "<h2 id=\"kcl-heading\">KCL applications</h2>",
                        "<a href=\"/console/streams/orders/kcl\">");
    }
}
