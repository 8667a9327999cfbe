package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsOperation;
import dev.runnel.aws.shapes.Encryption;
import org.springframework.stereotype.Component;

@Component
class StartStreamEncryption implements AwsOperation<Encryption.Input> {

    @Override
    public Object invoke(Encryption.Input input, AwsContext context) {
        Encryption.requireKms(input.encryptionType());
        context.settings().startEncryption(context.stream(input.streamName(), input.streamARN()), input.keyId());
        return null;
    }
}
