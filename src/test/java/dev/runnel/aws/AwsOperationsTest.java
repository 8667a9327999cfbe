package dev.runnel.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.aws.AwsOperations.Bound;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

class AwsOperationsTest {

    @Test
    void everyKinesisOperationIsImplementedWithAResolvedInputShape() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.scan("dev.runnel.aws.operations");
            context.refresh();
            @SuppressWarnings({"unchecked", "rawtypes"})
            Map<String, AwsOperation<?>> beans = (Map) context.getBeansOfType(AwsOperation.class);
            AwsOperations operations = new AwsOperations(List.copyOf(beans.values()));

            assertThat(operations.names())
                    .as("every operation of the Kinesis API, and nothing else")
                    .containsExactlyInAnyOrderElementsOf(AwsOperations.KINESIS_OPERATIONS)
                    .hasSize(45);
            for (String name : operations.names()) {
                Bound<?> bound = operations.find(name).orElseThrow();
                assertThat(bound.inputType()).as(name).isNotNull();
                assertThat(AwsInput.class).as(name).isAssignableFrom(bound.inputType());
            }
            assertThat(operations.find("NoSuchOperation")).isEmpty();
        }
    }
}
