package dev.runnel.console;

import dev.runnel.core.stream.Stream;
import dev.runnel.core.stream.StreamName;
import dev.runnel.leasestore.LeaseStore;
import dev.runnel.leasestore.RegionTables;
import dev.runnel.streams.ShardBacklog;
import dev.runnel.streams.StreamService;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

@Controller
class KclConsoleController {

    private final StreamService streams;
    private final LeaseStore leaseStore;
    private final ProcessedRecordsRate processedRecordsRate;

    /** @param processedRecordsRate the applications' recent rates, when a bean provides them */
    KclConsoleController(
            StreamService streams, LeaseStore leaseStore, ObjectProvider<ProcessedRecordsRate> processedRecordsRate) {
        this.streams = streams;
        this.leaseStore = leaseStore;
        this.processedRecordsRate = processedRecordsRate.getIfAvailable(() -> ProcessedRecordsRate.UNKNOWN);
    }

    @GetMapping("/console/streams/{name}/kcl")
    String applications(@PathVariable String name, Model model) {
        Stream stream = streams.describe(new StreamName(name));
        model.addAttribute("streamName", name);
        model.addAttribute("applications", applications(stream));
        return "console/kcl :: applications";
    }

    private List<KclApplication> applications(Stream stream) {
        RegionTables tables = leaseStore.regions().stream()
                .filter(region -> region.region().equals(streams.region()))
                .findFirst()
                .orElse(null);
        if (tables == null) {
            return List.of();
        }
        Instant now = streams.now();
        ShardBacklog backlog = new ShardBacklog(streams.lookup());
        return LeaseTableFinder.find(tables, stream, streams.live(), now).stream()
                .map(match -> KclApplication.of(
                        match,
                        stream,
                        backlog,
                        now,
                        processedRecordsRate.recordsPerSecond(
                                match.tableName(), stream.name().value())))
                .toList();
    }
}
