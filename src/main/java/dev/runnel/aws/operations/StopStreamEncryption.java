package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Encryption;
import org.springframework.stereotype.Component;

@Component
class StopStreamEncryption implements AwsOperation<Encryption.Input> {

    @Override
    public Object invoke(Encryption.Input input, AwsContext context) {
        Encryption.requireKms(input.encryptionType());
        context.settings().stopEncryption(context.stream(input.streamName(), input.streamARN()));
        return null;
    }
}
