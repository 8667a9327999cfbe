package dev.runnel.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and description of the REST API's OpenAPI document. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI runnelOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Runnel REST API")
                .version("v1")
                .description("A Kinesis Data Streams-compatible stream service. Streams are split into shards; "
                        + "records are routed to shards by the MD5 of their partition key, get sequence numbers, "
                        + "are kept for the retention period and are read back through shard iterators. "
                        + "Errors are RFC 9457 problem details whose `type` (urn:runnel:error:<Name>) and "
                        + "`errorType` name the Kinesis exception.")
                .license(new License().name("Apache-2.0")));
    }
}
