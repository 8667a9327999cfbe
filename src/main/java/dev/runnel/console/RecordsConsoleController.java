package dev.runnel.console;

import dev.runnel.core.error.KinesisException;
import dev.runnel.core.record.ShardIteratorType;
import dev.runnel.core.record.StartingPosition;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.records.PutRecordCommand;
import dev.runnel.records.PutResult;
import dev.runnel.records.RecordService;
import dev.runnel.records.RecordsBrowsed;
import dev.runnel.streams.StreamService;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/console/streams/{name}")
class RecordsConsoleController {

    static final int PAGE_SIZE = 25;
    static final int TAIL_SIZE = 20;

    private final StreamService streams;
    private final RecordService records;

    RecordsConsoleController(StreamService streams, RecordService records) {
        this.streams = streams;
        this.records = records;
    }

    @GetMapping("/shards/{shardId}")
    String browse(
            @PathVariable String name,
            @PathVariable String shardId,
            @RequestParam(defaultValue = "TRIM_HORIZON") String type,
            @RequestParam(defaultValue = "") String sequenceNumber,
            @RequestParam(defaultValue = "") String timestamp,
            Model model,
            HttpServletResponse response) {
        Stream stream = streams.describe(new StreamName(name));
        model.addAttribute("streamName", name);
        model.addAttribute("shardId", shardId);
        model.addAttribute("types", ShardIteratorType.values());
        model.addAttribute("type", type);
        model.addAttribute("sequenceNumber", sequenceNumber);
        model.addAttribute("timestamp", timestamp.isBlank() ? ConsoleTime.format(streams.now()) : timestamp);
        List<RecordRow> rows = List.of();
        try (RecordsBrowsed page =
                records.browse(new StreamName(name), shardId, position(type, sequenceNumber, timestamp), PAGE_SIZE)) {
            rows = rows(page);
            model.addAttribute("page", page);
        } catch (KinesisException e) {
            FormError.reject("browse", e, model, response);
        }
        model.addAttribute("records", rows);
        Long retained = ShardId.parse(shardId)
                .flatMap(stream::shard)
                .map(shard -> streams.retainedRecordCount(stream, shard))
                .orElse(null);
        model.addAttribute("recordCount", shownOf(rows.size(), retained));
        return "console/records";
    }

    @GetMapping("/shards/{shardId}/tail")
    String tail(@PathVariable String name, @PathVariable String shardId, Model model) {
        List<RecordRow> newestFirst;
        try (RecordsBrowsed newest = records.newest(new StreamName(name), shardId, TAIL_SIZE)) {
            newestFirst = new ArrayList<>(rows(newest));
        }
        Collections.reverse(newestFirst);
        model.addAttribute("tail", newestFirst);
        model.addAttribute("checkedAt", ConsoleTime.format(streams.now()));
        return "console/records :: tail";
    }

    @GetMapping("/put")
    String putForm(@PathVariable String name, Model model) {
        streams.describe(new StreamName(name));
        model.addAttribute("streamName", name);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", PutRecordForm.empty());
        }
        return "console/put";
    }

    @PostMapping("/put")
    String put(
            @PathVariable String name,
            @ModelAttribute("form") PutRecordForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            PutResult result = records.put(new PutRecordCommand(new StreamName(name), form.toRecord(), null));
            redirect.addFlashAttribute("result", result);
            redirect.addFlashAttribute(
                    "form", new PutRecordForm(form.partitionKey(), "", form.encoding(), form.explicitHashKey()));
            return "redirect:/console/streams/" + name + "/put";
        } catch (KinesisException e) {
            FormError.reject("put", e, model, response);
            model.addAttribute("streamName", name);
            return "console/put";
        }
    }

    private static StartingPosition position(String type, String sequenceNumber, String timestamp) {
        ShardIteratorType iteratorType = FormInput.choice("shardIteratorType", type, ShardIteratorType.values());
        boolean bySequenceNumber = iteratorType == ShardIteratorType.AT_SEQUENCE_NUMBER
                || iteratorType == ShardIteratorType.AFTER_SEQUENCE_NUMBER;
        Instant at =
                iteratorType == ShardIteratorType.AT_TIMESTAMP ? FormInput.timestamp("timestamp", timestamp) : null;
        return StartingPosition.of(iteratorType, bySequenceNumber ? sequenceNumber.strip() : null, at);
    }

    /** The records heading's count: "25 shown of 1,234 in the shard"; just "25 shown" if the shard is unknown. */
    static String shownOf(int shown, Long retained) {
        String count = String.format(Locale.ROOT, "%,d shown", shown);
        return retained == null ? count : count + String.format(Locale.ROOT, " of %,d in the shard", retained);
    }

    /** Rows copy at most a preview of each payload, so the page's records need not outlive this call. */
    private static List<RecordRow> rows(RecordsBrowsed page) {
        return page.records().stream().map(RecordRow::of).toList();
    }
}
