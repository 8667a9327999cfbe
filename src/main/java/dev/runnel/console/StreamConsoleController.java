package dev.runnel.console;

import dev.runnel.core.error.InvalidArgumentException;
import dev.runnel.core.error.KinesisException;
import dev.runnel.core.shard.ShardId;
import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamMode;
import dev.runnel.core.stream.StreamName;
import dev.runnel.insight.Insights;
import dev.runnel.insight.TrafficSeries;
import dev.runnel.records.Subscriptions;
import dev.runnel.streams.ReshardingService;
import dev.runnel.streams.StreamService;
import dev.runnel.streams.StreamSettingsService;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/console/streams/{name}")
class StreamConsoleController {

    private final StreamService streams;
    private final StreamSettingsService settings;
    private final ReshardingService resharding;
    private final Insights insights;
    private final Subscriptions subscriptions;

    StreamConsoleController(
            StreamService streams,
            StreamSettingsService settings,
            ReshardingService resharding,
            Insights insights,
            Subscriptions subscriptions) {
        this.streams = streams;
        this.settings = settings;
        this.resharding = resharding;
        this.insights = insights;
        this.subscriptions = subscriptions;
    }

    @GetMapping
    String stream(@PathVariable String name, Model model) {
        return page(name, model);
    }

    @GetMapping("/live")
    String live(@PathVariable String name, Model model) {
        model.addAttribute("stream", details(name));
        return "console/stream :: live";
    }

    @GetMapping(path = "/traffic", produces = "application/json")
    @ResponseBody
    TrafficSeries traffic(@PathVariable String name) {
        return insights.series(streams.describe(new StreamName(name)), streams.now());
    }

    @PostMapping("/split")
    String split(
            @PathVariable String name,
            @RequestParam(defaultValue = "") String shardId,
            @RequestParam(defaultValue = "") String newStartingHashKey,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act("split", name, model, response, redirect, () -> {
            String key = newStartingHashKey.strip();
            Stream after = resharding.split(new StreamName(name), shardId, key);
            ShardId parent = ShardId.parse(shardId).orElseThrow();
            return "Split " + parent + " at hash key " + key + " into "
                    + String.join(
                            " and ",
                            after.children(parent).stream()
                                    .map(child -> child.id().toString())
                                    .toList()) + ".";
        });
    }

    @PostMapping("/merge")
    String merge(
            @PathVariable String name,
            @RequestParam(defaultValue = "") String shardToMerge,
            @RequestParam(defaultValue = "") String adjacentShardToMerge,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act("merge", name, model, response, redirect, () -> {
            resharding.merge(new StreamName(name), shardToMerge, adjacentShardToMerge);
            return "Merged " + shardToMerge + " and " + adjacentShardToMerge + ".";
        });
    }

    @PostMapping("/shard-count")
    String shardCount(
            @PathVariable String name,
            @RequestParam(defaultValue = "") String targetShardCount,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act("shard-count", name, model, response, redirect, () -> {
            ReshardingService.ShardCountUpdate update = resharding.updateShardCount(
                    new StreamName(name), FormInput.wholeNumber("targetShardCount", targetShardCount));
            return "Scaled from " + update.currentShardCount() + " to " + update.targetShardCount() + " open shards.";
        });
    }

    @PostMapping("/mode")
    String mode(
            @PathVariable String name,
            @RequestParam(defaultValue = "") String streamMode,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act("mode", name, model, response, redirect, () -> {
            StreamMode mode = FormInput.choice("streamMode", streamMode, StreamMode.values());
            resharding.updateMode(new StreamName(name), mode);
            return "Capacity mode is now " + mode + ".";
        });
    }

    @PostMapping("/retention")
    String retention(
            @PathVariable String name,
            @RequestParam(defaultValue = "") String retentionPeriodHours,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return act("retention", name, model, response, redirect, () -> {
            int hours = FormInput.wholeNumber("retentionPeriodHours", retentionPeriodHours);
            settings.setRetention(new StreamName(name), hours);
            return "Records are now kept for " + hours + " hours.";
        });
    }

    @PostMapping("/delete")
    String delete(
            @PathVariable String name,
            @RequestParam(defaultValue = "") String confirmName,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (!name.equals(confirmName.strip())) {
            FormError.reject(
                    "delete",
                    new InvalidArgumentException("Type the stream's name, " + name + ", to confirm the deletion."),
                    model,
                    response);
            return page(name, model);
        }
        try {
            streams.delete(new StreamName(name));
        } catch (KinesisException e) {
            FormError.reject("delete", e, model, response);
            return page(name, model);
        }
        redirect.addFlashAttribute("notice", "Stream " + name + " is being deleted with all its records.");
        return "redirect:/console";
    }

    private String act(
            String form,
            String name,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
            return "redirect:/console/streams/" + name;
        } catch (KinesisException e) {
            FormError.reject(form, e, model, response);
            return page(name, model);
        }
    }

    private String page(String name, Model model) {
        model.addAttribute("stream", details(name));
        model.addAttribute("modes", StreamMode.values());
        return "console/stream";
    }

    private StreamDetails details(String name) {
        Stream stream = streams.describe(new StreamName(name));
        return StreamDetails.of(stream, streams, insights.analyze(stream, streams.now()), subscriptions.active(stream));
    }
}
