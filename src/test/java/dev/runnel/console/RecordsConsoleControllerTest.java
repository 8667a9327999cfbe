package dev.runnel.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.Insights;
import dev.runnel.records.PutRecordCommand;
import dev.runnel.records.PutResult;
import dev.runnel.records.RecordInput;
import dev.runnel.records.RecordService;
import dev.runnel.streams.CreateStreamCommand;
import dev.runnel.streams.StreamService;
import dev.runnel.support.RestSliceTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@RestSliceTest(RecordsConsoleController.class)
class RecordsConsoleControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    StreamService streams;

    @Autowired
    RecordService records;

    @Autowired
    Insights insights;

    @Test
    void browsesTheSeedRecordsDecodedWithEachIteratorType() throws Exception {
        streams.create(CreateStreamCommand.of("seed", 1, null, null, null));
        List<PutResult> put = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            put.add(put("seed", "test" + i));
        }

        assertThat(payloads(browse("seed", "type", "TRIM_HORIZON")))
                .containsExactly("test1", "test2", "test3", "test4", "test5", "test6");
        assertThat(payloads(browse(
                        "seed",
                        "type",
                        "AT_SEQUENCE_NUMBER",
                        "sequenceNumber",
                        put.get(5).sequenceNumber().toString())))
                .containsExactly("test6");
        assertThat(payloads(browse(
                        "seed",
                        "type",
                        "AFTER_SEQUENCE_NUMBER",
                        "sequenceNumber",
                        put.get(3).sequenceNumber().toString())))
                .containsExactly("test5", "test6");
        assertThat(payloads(browse("seed", "type", "LATEST"))).isEmpty();
        String between =
                java.time.Instant.ofEpochMilli(streams.now().toEpochMilli() + 1).toString();
        Thread.sleep(2);
        put("seed", "test7");
        assertThat(payloads(browse("seed", "type", "AT_TIMESTAMP", "timestamp", between)))
                .containsExactly("test7");

        MvcResult page = mvc.perform(get("/console/streams/seed/shards/shardId-000000000000"))
                .andExpect(status().isOk())
                .andExpect(view().name("console/records"))
                .andExpect(content().string(containsString("dGVzdDE=")))
                .andExpect(content().string(containsString("<label for=\"iterator-type\">")))
                .andReturn();
        assertThat(page.getResponse().getContentAsString())
                .contains(
                        "id=\"next-page\"",
                        "type=AFTER_SEQUENCE_NUMBER&amp;sequenceNumber="
                                + put.get(5).sequenceNumber().toString().substring(0, 20));
    }

    @Test
    void theHeadingCountsTheRecordsShownAgainstTheRecordsTheShardHolds() throws Exception {
        streams.create(CreateStreamCommand.of("counted", 1, null, null, null));
        for (int i = 1; i <= 30; i++) {
            put("counted", "r" + i);
        }
        String page = mvc.perform(get("/console/streams/counted/shards/shardId-000000000000"))
                .andExpect(status().isOk())
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
        streams.create(CreateStreamCommand.of("timed", 1, null, null, null));
        put("timed", "a");
        String page = mvc.perform(get("/console/streams/timed/shards/shardId-000000000000"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String tail = mvc.perform(get("/console/streams/timed/shards/shardId-000000000000/tail"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        java.util.regex.Pattern time = java.util.regex.Pattern.compile("<time datetime=\"([^\"]*)\">([^<]*)</time>");
        for (String html : List.of(page, tail)) {
            java.util.regex.Matcher matcher = time.matcher(html);
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
                .containsPattern("id=\"timestamp\" name=\"timestamp\" type=\"text\" value=\"[^\"]+\\.\\d{3}Z\"");
    }

    @Test
    void theConsoleReadsNeitherCountAsTrafficNorTriggerLatestAdvice() throws Exception {
        streams.create(CreateStreamCommand.of("quiet", 1, null, null, null));
        put("quiet", "a");
        for (int i = 0; i < 20; i++) {
            browse("quiet", "type", "LATEST");
            browse("quiet", "type", "TRIM_HORIZON");
        }
        var analysis = insights.analyze(streams.describe(new StreamName("quiet")), streams.now());
        assertThat(analysis.advice()).noneMatch(a -> a.kind().equals("START_CONSUMERS_FIRST"));
        assertThat(analysis.shards().get(0).throttlesLastMinute()).isZero();
    }

    @Test
    void badPositionsAreShownBesideTheForm() throws Exception {
        streams.create(CreateStreamCommand.of("wrong", 1, null, null, null));
        mvc.perform(get("/console/streams/wrong/shards/shardId-000000000000")
                        .param("type", "AT_SEQUENCE_NUMBER")
                        .param("sequenceNumber", "12x"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"browse-error\"")))
                .andExpect(content().string(containsString("ValidationException")));
        mvc.perform(get("/console/streams/wrong/shards/shardId-000000000000")
                        .param("type", "AT_TIMESTAMP")
                        .param("timestamp", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Member must be an ISO-8601 time")));
        mvc.perform(get("/console/streams/wrong/shards/shardId-000000000007"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("ResourceNotFoundException")));
        mvc.perform(get("/console/streams/wrong/shards/shardId-000000000000").param("type", "OLDEST"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theTailShowsTheNewestRecordsNewestFirst() throws Exception {
        streams.create(CreateStreamCommand.of("tailed", 1, null, null, null));
        for (int i = 1; i <= 25; i++) {
            put("tailed", "r" + i);
        }
        MvcResult result = mvc.perform(get("/console/streams/tailed/shards/shardId-000000000000/tail"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<html"))))
                .andReturn();
        @SuppressWarnings("unchecked")
        List<RecordRow> tail =
                (List<RecordRow>) result.getModelAndView().getModel().get("tail");
        assertThat(tail).hasSize(RecordsConsoleController.TAIL_SIZE);
        assertThat(tail.get(0).payload().shown()).isEqualTo("r25");
        assertThat(tail.get(tail.size() - 1).payload().shown()).isEqualTo("r6");
    }

    @Test
    void thePutFormReportsTheShardAndSequenceNumber() throws Exception {
        streams.create(CreateStreamCommand.of("putter", 2, null, null, null));
        mvc.perform(get("/console/streams/putter/put"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<label for=\"partition-key\">")));
        MvcResult result = mvc.perform(post("/console/streams/putter/put")
                        .param("partitionKey", "1")
                        .param("data", "hello")
                        .param("encoding", "TEXT")
                        .param("explicitHashKey", ""))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console/streams/putter/put"))
                .andExpect(flash().attributeExists("result"))
                .andReturn();
        PutResult stored = (PutResult) result.getFlashMap().get("result");
        assertThat(payloads(browseShard(
                        "putter",
                        stored.shardId().toString(),
                        "type",
                        "AT_SEQUENCE_NUMBER",
                        "sequenceNumber",
                        stored.sequenceNumber().toString())))
                .first()
                .isEqualTo("hello");

        MvcResult explicit = mvc.perform(post("/console/streams/putter/put")
                        .param("partitionKey", "x")
                        .param("data", "AAEC")
                        .param("encoding", "BASE64")
                        .param("explicitHashKey", "340282366920938463463374607431768211455"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(((PutResult) explicit.getFlashMap().get("result")).shardId().toString())
                .isEqualTo("shardId-000000000001");

        mvc.perform(post("/console/streams/putter/put")
                        .param("partitionKey", "x")
                        .param("data", "***")
                        .param("encoding", "BASE64"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"put-error\"")))
                .andExpect(content().string(containsString("not valid Base64")));
        mvc.perform(post("/console/streams/putter/put")
                        .param("partitionKey", "")
                        .param("data", "x")
                        .param("encoding", "TEXT"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("ValidationException")));
    }

    private PutResult put(String stream, String text) {
        return records.put(new PutRecordCommand(
                new StreamName(stream), new RecordInput("1", text.getBytes(StandardCharsets.UTF_8), null), null));
    }

    private List<RecordRow> browse(String stream, String... params) throws Exception {
        return browseShard(stream, "shardId-000000000000", params);
    }

    @SuppressWarnings("unchecked")
    private List<RecordRow> browseShard(String stream, String shard, String... params) throws Exception {
        var request = get("/console/streams/" + stream + "/shards/" + shard);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        MvcResult result = mvc.perform(request).andExpect(status().isOk()).andReturn();
        return (List<RecordRow>) result.getModelAndView().getModel().get("records");
    }

    private static List<String> payloads(List<RecordRow> rows) {
        return rows.stream().map(row -> row.payload().shown()).toList();
    }
}
