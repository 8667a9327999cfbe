package dev.runnel.aws.operations;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.aws.AwsOperation;
import dev.runnel.core.error.Constraints;
import org.springframework.stereotype.Component;

@Component
class StartStreamEncryption implements AwsOperation<StartStreamEncryption.Input> {

    record Input(String streamName, String encryptionType, String keyId, String streamARN, String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            Encryption.check(check, encryptionType, keyId);
        }
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public Object invoke(Input input, AwsContext context) {
        Encryption.requireKms(input.encryptionType());
        context.streams().startEncryption(context.stream(input.streamName(), input.streamARN()), input.keyId());
        return null;
    }
}
