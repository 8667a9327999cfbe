package dev.runnel.support;

import dev.runnel.records.RecordService;
import dev.runnel.records.ShardIteratorService;
import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.StreamCatalog;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import dev.runnel.storage.memory.InMemoryStreamCatalog;
import dev.runnel.streams.StreamService;
import dev.runnel.system.RunnelProperties;
import java.time.Duration;
import java.time.InstantSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

/**
 * The real services over in-memory storage, for controller slice tests: streams become ACTIVE and vanish
 * after deletion at once, and request bodies are capped at 64 KB so the 413 path is cheap to reach.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RestTestServices {

    public static final long MAX_REQUEST_BYTES = 64 * 1024;

    @Bean
    RunnelProperties runnelProperties() {
        RunnelProperties defaults = RunnelProperties.defaults();
        return new RunnelProperties(defaults.accountId(), defaults.region(),
                new RunnelProperties.Streams(100, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)),
                defaults.iterators(),
                new RunnelProperties.Storage(DataSize.ofMegabytes(64), DataSize.ofKilobytes(64), 1024),
                new RunnelProperties.Http(DataSize.ofBytes(MAX_REQUEST_BYTES)));
    }

    @Bean
    InstantSource clock() {
        return InstantSource.system();
    }

    @Bean
    StreamCatalog streamCatalog() {
        return new InMemoryStreamCatalog();
    }

    @Bean
    ShardLogStore shardLogStore(RunnelProperties properties) {
        return new InMemoryShardLogStore(properties.storage().maxBytesOrDefault(),
                (int) properties.storage().segmentSize().toBytes(), properties.storage().segmentRecords());
    }

    @Bean
    StreamService streamService(StreamCatalog catalog, ShardLogStore logs, InstantSource clock,
                                RunnelProperties properties) {
        return new StreamService(catalog, logs, clock, properties);
    }

    @Bean
    ShardIteratorService shardIteratorService(StreamService streams, ShardLogStore logs, InstantSource clock,
                                              RunnelProperties properties) {
        return new ShardIteratorService(streams, logs, clock, properties);
    }

    @Bean
    RecordService recordService(StreamService streams, ShardIteratorService iterators, ShardLogStore logs,
                                InstantSource clock) {
        return new RecordService(streams, iterators, logs, clock);
    }
}
