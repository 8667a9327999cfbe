package dev.runnel.console;

import dev.runnel.core.error.KinesisException;
import dev.runnel.core.stream.Stream;
import dev.runnel.insight.Insights;
import dev.runnel.streams.StreamService;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class StreamsConsoleController {

    /** The overview lists at most this many streams, in name order. */
    static final int MAX_LISTED = 500;

    private final StreamService streams;
    private final Insights insights;

    StreamsConsoleController(StreamService streams, Insights insights) {
        this.streams = streams;
        this.insights = insights;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    String slash() {
        return "redirect:/console";
    }

    @GetMapping({"/console", "/console/"})
    String overview(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", CreateStreamForm.defaults());
        }
        return streamsPage(model);
    }

    @GetMapping("/console/stream-rows")
    String rows(Model model) {
        model.addAttribute("streams", summaries());
        return "console/streams :: rows";
    }

    @PostMapping("/console/streams")
    String create(
            @ModelAttribute("form") CreateStreamForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            Stream stream = streams.create(form.toCommand());
            redirect.addFlashAttribute(
                    "notice",
                    "Stream " + stream.name() + " created with " + stream.openShardCount()
                            + " shard(s); it becomes ACTIVE in a moment.");
            return "redirect:/console/streams/" + stream.name();
        } catch (KinesisException e) {
            FormError.reject("create", e, model, response);
            return streamsPage(model);
        }
    }

    private String streamsPage(Model model) {
        List<StreamSummary> summaries = summaries();
        model.addAttribute("streams", summaries);
        model.addAttribute("truncated", summaries.size() >= MAX_LISTED);
        model.addAttribute("region", streams.region());
        return "console/streams";
    }

    private List<StreamSummary> summaries() {
        return streams.live().stream()
                .limit(MAX_LISTED)
                .map(stream -> StreamSummary.of(stream, streams, insights.analyze(stream, streams.now())))
                .toList();
    }
}
