package dev.runnel.it;

import java.net.URI;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The SDK scenario with the synchronous {@link KinesisClient} speaking JSON 1.1 over HTTP/1.1, as it does with
 * {@code -Daws.cborEnabled=false}. The SDK reads the property when the client is built, so it is set only for
 * that and restored afterwards: the other IT classes run in the same JVM.
 */
class AwsSdkJsonIT extends AwsSdkStreamFeaturesScenario {

    @Override
    KinesisClient createClient(URI endpoint) {
        return syncClient(endpoint, "false");
    }

    @Override
    String prefix() {
        return "sdk-json";
    }

    @Override
    String expectedHttpProtocol() {
        return "HTTP/1.1";
    }

    @Override
    String expectedContentType() {
        return "application/x-amz-json-1.1";
    }
}
