package dev.runnel.regions;

import dev.runnel.records.RecordService;
import dev.runnel.records.ShardIteratorService;
import dev.runnel.streams.StreamService;

/** The services of one account and region: its streams, their iterators and their records. */
public record RegionServices(String region, StreamService streams, ShardIteratorService iterators,
                             RecordService records) {
}
