package dev.runnel.aws.shapes;

import dev.runnel.aws.AwsContext;
import dev.runnel.aws.AwsInput;
import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;

/** What Start- and StopStreamEncryption share: the EncryptionType and KeyId members. */
public final class Encryption {

    private Encryption() {}

    /** The request of both operations. */
    public record Input(String streamName, String encryptionType, String keyId, String streamARN, String streamId)
            implements AwsInput {

        @Override
        public void validate(Constraints check) {
            AwsContext.checkStreamMembers(check, streamName, streamARN);
            Encryption.check(check, encryptionType, keyId);
        }
    }

    static void check(Constraints check, String encryptionType, String keyId) {
        if (check.required("encryptionType", encryptionType)) {
            check.violation(
                    "encryptionType",
                    encryptionType,
                    encryptionType.equals("NONE") || encryptionType.equals("KMS"),
                    "Member must satisfy enum value set: [NONE, KMS]");
        }
        if (check.required("keyId", keyId)) {
            check.length("keyId", keyId, 1, 2048);
        }
    }

    /** Only KMS encryption exists; NONE is in the enum but not a valid request. */
    public static void requireKms(String encryptionType) {
        if (!"KMS".equals(encryptionType)) {
            throw new InvalidArgumentException("Invalid EncryptionType " + encryptionType + ". Only KMS is supported.");
        }
    }
}
