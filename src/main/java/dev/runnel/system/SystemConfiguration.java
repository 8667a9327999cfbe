package dev.runnel.system;

import dev.runnel.storage.ShardLogStore;
import dev.runnel.storage.StreamCatalog;
import dev.runnel.storage.memory.InMemoryShardLogStore;
import dev.runnel.storage.memory.InMemoryStreamCatalog;
import java.time.InstantSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The clock and the live storage adapter: the only place that touches the system clock or knows which
 * adapter runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunnelProperties.class)
@EnableScheduling
public class SystemConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InstantSource clock() {
        return InstantSource.system();
    }

    @Bean
    StreamCatalog streamCatalog() {
        return new InMemoryStreamCatalog();
    }

    @Bean
    ShardLogStore shardLogStore(RunnelProperties properties) {
        RunnelProperties.Storage storage = properties.storage();
        return new InMemoryShardLogStore(storage.maxBytesOrDefault(), (int) storage.segmentSize().toBytes(),
                storage.segmentRecords());
    }
}
