package dev.runnel.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.runnel.core.error.Messages;
import dev.runnel.core.error.ProvisionedThroughputExceededException;
import dev.runnel.core.record.RecordData;
import dev.runnel.core.record.SequenceNumber;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.records.PutRecordCommand;
import dev.runnel.records.PutResult;
import dev.runnel.records.RecordService;
import dev.runnel.records.RecordView;
import dev.runnel.records.RecordsBrowsed;
import dev.runnel.streams.StreamService;
import dev.runnel.support.CannedStreams;
import dev.runnel.support.RestSliceTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The record browser, the live tail and the put form over mocked services. */
@RestSliceTest(RecordsConsoleController.class)
class RecordsConsoleControllerTest {

    private static final String SHARD_0 = "shardId-000000000000";
    private static final StreamName SEED = StreamName.of("seed");

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @Autowired
    RecordService records;

    private Stream seed;

    @BeforeEach
    void describeSeed() {
        CannedStreams.answerViews(streams);
        seed = CannedStreams.active("seed", 2);
        when(streams.describe(SEED)).thenReturn(seed);
    }

    /** Records "r{first}" … "r{last}" of shard 0 at positions first … last, arrived a second apart. */
    private RecordsBrowsed page(int first, int last, boolean caughtUp, boolean shardEnded) {
        List<RecordView> views = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            views.add(new RecordView(
                    SequenceNumber.of(seed, new ShardId(0), i),
                    CannedStreams.CREATED.plusSeconds(i),
                    "1",
                    RecordData.copyOf(("r" + i).getBytes(StandardCharsets.UTF_8)),
                    false));
        }
        return new RecordsBrowsed(views, caughtUp, shardEnded);
    }

    @SuppressWarnings("unchecked")
    private static List<String> payloads(MvcResult result, String attribute) {
        return ((List<RecordRow>) result.getModelAndView().getModel().get(attribute))
                .stream().map(row -> row.payload().shown()).toList();
    }

    // ---- browsing ------------------------------------------------------------------------------------------

    /** The browse form's parameters become this starting position for 25 records of shard 0. */
    private MvcResult expectPosition(StartingPosition position, String... params) throws Exception {
        when(records.browse(SEED, SHARD_0, position, RecordsConsoleController.PAGE_SIZE))
                .thenReturn(page(1, 2, true, false));
        var request = get("/console/streams/seed/shards/" + SHARD_0);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        MvcResult result = mvc.perform(request)
                .andExpect(status().isOk())
                .andExpect(view().name("console/records"))
                .andReturn();
        assertThat(payloads(result, "records")).as("%s", position).containsExactly("r1", "r2");
        return result;
    }

    @Test
    void eachIteratorTypeBecomesItsStartingPosition() throws Exception {
        String number = SequenceNumber.of(seed, new ShardId(0), 5).toString();
        expectPosition(new StartingPosition.TrimHorizon());
        expectPosition(new StartingPosition.TrimHorizon(), "type", "TRIM_HORIZON", "sequenceNumber", number);
        expectPosition(
                new StartingPosition.AtSequenceNumber(number),
                "type",
                "AT_SEQUENCE_NUMBER",
                "sequenceNumber",
                " " + number + " ");
        expectPosition(
                new StartingPosition.AfterSequenceNumber(number),
                "type",
                "AFTER_SEQUENCE_NUMBER",
                "sequenceNumber",
                number);
        expectPosition(new StartingPosition.Latest(), "type", "LATEST");
        expectPosition(
                new StartingPosition.AtTimestamp(Instant.parse("2026-11-26T10:00:00.123Z")),
                "type",
                "AT_TIMESTAMP",
                "timestamp",
                "2026-11-26T10:00:00.123Z");
        MvcResult result = expectPosition(
                new StartingPosition.AtTimestamp(Instant.parse("2026-11-26T10:00:00.500Z")),
                "type",
                "AT_TIMESTAMP",
                "timestamp",
                "1795687200.5");
        assertThat(result.getModelAndView().getModel())
                .containsEntry("streamName", "seed")
                .containsEntry("shardId", SHARD_0)
                .containsEntry("type", "AT_TIMESTAMP")
                .containsEntry("timestamp", "1795687200.5");
    }

    @Test
    void thePageShowsTheRecordsDecodedAndLinksToTheNextOnes() throws Exception {
        RecordsBrowsed six = page(1, 6, true, false);
        when(records.browse(SEED, SHARD_0, new StartingPosition.TrimHorizon(), 25))
                .thenReturn(six);
        String page = mvc.perform(get("/console/streams/seed/shards/" + SHARD_0))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        "<pre class=\"decoded\">r1</pre>",
                        "cjE=",
                        "<label for=\"iterator-type\">",
                        "id=\"next-page\"",
                        "type=AFTER_SEQUENCE_NUMBER&amp;sequenceNumber="
                                + six.lastSequenceNumber().orElseThrow(),
                        "(you have reached the newest record)")
                .doesNotContain("This shard is closed");

        when(records.browse(SEED, SHARD_0, new StartingPosition.Latest(), 25)).thenReturn(page(7, 7, false, true));
        assertThat(mvc.perform(get("/console/streams/seed/shards/" + SHARD_0).param("type", "LATEST"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("This shard is closed and every record it holds has")
                .doesNotContain("(you have reached the newest record)");
    }

    @Test
    void theHeadingCountsTheRecordsShownAgainstTheRecordsTheShardHolds() throws Exception {
        when(records.browse(SEED, SHARD_0, new StartingPosition.TrimHorizon(), 25))
                .thenReturn(page(1, 25, false, false));
        when(streams.retainedRecordCount(seed, seed.shards().get(0))).thenReturn(30L);
        String page = mvc.perform(get("/console/streams/seed/shards/" + SHARD_0))
                .andExpect(status().isOk())
                .andExpect(model().attribute("recordCount", "25 shown of 30 in the shard"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("id=\"records-count\">— 25 shown of 30 in the shard</span>")
                .doesNotContain("(25)");

        assertThat(RecordsConsoleController.shownOf(25, 1_234L)).isEqualTo("25 shown of 1,234 in the shard");
        assertThat(RecordsConsoleController.shownOf(0, 0L)).isEqualTo("0 shown of 0 in the shard");
        assertThat(RecordsConsoleController.shownOf(3, null))
                .as("a shard id that names no shard")
                .isEqualTo("3 shown");
    }

    @Test
    void everyTimeOnThePagesHasExactlyThreeFractionalDigits() throws Exception {
        when(records.browse(SEED, SHARD_0, new StartingPosition.TrimHorizon(), 25))
                .thenReturn(page(1, 1, true, false));
        when(records.newest(SEED, SHARD_0, RecordsConsoleController.TAIL_SIZE)).thenReturn(page(1, 1, true, false));
        String page = mvc.perform(get("/console/streams/seed/shards/" + SHARD_0))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String tail = mvc.perform(get("/console/streams/seed/shards/" + SHARD_0 + "/tail"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("checkedAt", "2026-11-26T10:15:30.000Z"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        Pattern time = Pattern.compile("<time datetime=\"([^\"]*)\">([^<]*)</time>");
        for (String html : List.of(page, tail)) {
            Matcher matcher = time.matcher(html);
            int times = 0;
            while (matcher.find()) {
                times++;
                assertThat(matcher.group(2))
                        .isEqualTo(matcher.group(1))
                        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            }
            assertThat(times).as("times on the page").isPositive();
        }
        assertThat(page)
                .contains("<time datetime=\"2026-11-26T09:15:31.000Z\">")
                .contains("id=\"timestamp\" name=\"timestamp\" type=\"text\" value=\"2026-11-26T10:15:30.000Z\"");
    }

    @Test
    void badPositionsAreShownBesideTheFormWithoutReading() throws Exception {
        mvc.perform(get("/console/streams/seed/shards/" + SHARD_0)
                        .param("type", "AT_SEQUENCE_NUMBER")
                        .param("sequenceNumber", "12x"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"browse-error\"")))
                .andExpect(content().string(containsString("ValidationException")));
        mvc.perform(get("/console/streams/seed/shards/" + SHARD_0)
                        .param("type", "AT_TIMESTAMP")
                        .param("timestamp", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Member must be an ISO-8601 time")));
        mvc.perform(get("/console/streams/seed/shards/" + SHARD_0).param("type", "OLDEST"))
                .andExpect(status().isBadRequest())
                .andExpect(model().attribute(
                                "error",
                                new FormError(
                                        "browse",
                                        "ValidationException",
                                        "1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to "
                                                + "satisfy constraint: Member must satisfy enum value set: "
                                                + "[AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, "
                                                + "AT_TIMESTAMP]")));
        verify(records, never()).browse(any(), anyString(), any(), anyInt());
    }

    @Test
    void refusalsOfTheServiceAreShownBesideTheForm() throws Exception {
        when(records.browse(SEED, "shardId-000000000007", new StartingPosition.TrimHorizon(), 25))
                .thenThrow(Messages.shardNotFound("shardId-000000000007", "seed", CannedStreams.ACCOUNT));
        mvc.perform(get("/console/streams/seed/shards/shardId-000000000007"))
                .andExpect(status().isNotFound())
                .andExpect(model().attribute("recordCount", "0 shown"))
                .andExpect(content().string(containsString("id=\"browse-error\"")))
                .andExpect(content().string(containsString("ResourceNotFoundException")));

        when(streams.describe(StreamName.of("nowhere")))
                .thenThrow(Messages.streamNotFound("nowhere", CannedStreams.ACCOUNT));
        mvc.perform(get("/console/streams/nowhere/shards/" + SHARD_0))
                .andExpect(status().isNotFound())
                .andExpect(view().name("console/error"));
    }

    // ---- the live tail -------------------------------------------------------------------------------------

    @Test
    void theTailShowsTheNewestRecordsNewestFirst() throws Exception {
        when(records.newest(SEED, SHARD_0, RecordsConsoleController.TAIL_SIZE)).thenReturn(page(6, 25, true, false));
        MvcResult result = mvc.perform(get("/console/streams/seed/shards/" + SHARD_0 + "/tail"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<html"))))
                .andReturn();
        List<String> tail = payloads(result, "tail");
        assertThat(tail).hasSize(RecordsConsoleController.TAIL_SIZE);
        assertThat(tail.get(0)).isEqualTo("r25");
        assertThat(tail.get(tail.size() - 1)).isEqualTo("r6");
    }

    // ---- the put form --------------------------------------------------------------------------------------

    private PutRecordCommand putCommand() {
        ArgumentCaptor<PutRecordCommand> command = ArgumentCaptor.forClass(PutRecordCommand.class);
        verify(records).put(command.capture());
        return command.getValue();
    }

    @Test
    void thePutFormIsShownForAStreamThatExists() throws Exception {
        mvc.perform(get("/console/streams/seed/put"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("form", PutRecordForm.empty()))
                .andExpect(content().string(containsString("<label for=\"partition-key\">")));
        verify(streams).describe(SEED);

        when(streams.describe(StreamName.of("nowhere")))
                .thenThrow(Messages.streamNotFound("nowhere", CannedStreams.ACCOUNT));
        mvc.perform(get("/console/streams/nowhere/put"))
                .andExpect(status().isNotFound())
                .andExpect(view().name("console/error"));
    }

    @Test
    void aTextRecordBecomesAPutRecordCommandAndTheResultIsReported() throws Exception {
        PutResult stored = new PutResult(new ShardId(1), SequenceNumber.of(seed, new ShardId(1), 0), false);
        when(records.put(any())).thenReturn(stored);
        mvc.perform(post("/console/streams/seed/put")
                        .param("partitionKey", "1")
                        .param("data", "hello")
                        .param("encoding", "TEXT")
                        .param("explicitHashKey", ""))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console/streams/seed/put"))
                .andExpect(flash().attribute("result", stored))
                .andExpect(flash().attribute("form", new PutRecordForm("1", "", "TEXT", "")));
        PutRecordCommand command = putCommand();
        assertThat(command.stream()).isEqualTo(SEED);
        assertThat(command.record().partitionKey()).isEqualTo("1");
        assertThat(new String(command.record().data(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(command.record().explicitHashKey()).isNull();
        assertThat(command.sequenceNumberForOrdering()).isNull();
    }

    @Test
    void aBase64RecordIsDecodedAndKeepsItsExplicitHashKey() throws Exception {
        when(records.put(any()))
                .thenReturn(new PutResult(new ShardId(1), SequenceNumber.of(seed, new ShardId(1), 0), false));
        mvc.perform(post("/console/streams/seed/put")
                        .param("partitionKey", "x")
                        .param("data", "AA\nEC")
                        .param("encoding", "BASE64")
                        .param("explicitHashKey", " 340282366920938463463374607431768211455 "))
                .andExpect(status().is3xxRedirection());
        PutRecordCommand command = putCommand();
        assertThat(command.record().data()).containsExactly(0, 1, 2);
        assertThat(command.record().explicitHashKey()).isEqualTo("340282366920938463463374607431768211455");
    }

    @Test
    void aRecordTheCommandCannotTakeComesBackBesideTheForm() throws Exception {
        mvc.perform(post("/console/streams/seed/put")
                        .param("partitionKey", "x")
                        .param("data", "***")
                        .param("encoding", "BASE64"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("console/put"))
                .andExpect(content().string(containsString("id=\"put-error\"")))
                .andExpect(content().string(containsString("not valid Base64")));
        mvc.perform(post("/console/streams/seed/put")
                        .param("partitionKey", "")
                        .param("data", "x")
                        .param("encoding", "TEXT"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("ValidationException")));
        verifyNoInteractions(records);
    }

    @Test
    void aRefusedPutComesBackBesideTheForm() throws Exception {
        String rate = "Rate exceeded for shard shardId-000000000000 in stream seed under account 000000000000.";
        when(records.put(any())).thenThrow(new ProvisionedThroughputExceededException(rate));
        mvc.perform(post("/console/streams/seed/put")
                        .param("partitionKey", "x")
                        .param("data", "y")
                        .param("encoding", "TEXT"))
                .andExpect(status().isTooManyRequests())
                .andExpect(model().attribute(
                                "error", new FormError("put", "ProvisionedThroughputExceededException", rate)))
                .andExpect(model().attribute("form", new PutRecordForm("x", "y", "TEXT", null)))
                .andExpect(content().string(containsString("id=\"put-error\"")));
    }
}
