package dev.runnel.aws.operations;

import dev.runnel.core.error.Constraints;
import dev.runnel.core.error.InvalidArgumentException;

/** What Start- and StopStreamEncryption share: the EncryptionType and KeyId members. */
final class Encryption {

    private Encryption() {
    }

    static void check(Constraints check, String encryptionType, String keyId) {
        if (check.required("encryptionType", encryptionType)) {
            check.violation("encryptionType", encryptionType,
                    encryptionType.equals("NONE") || encryptionType.equals("KMS"),
                    "Member must satisfy enum value set: [NONE, KMS]");
        }
        if (check.required("keyId", keyId)) {
            check.length("keyId", keyId, 1, 2048);
        }
    }

    /** Only KMS encryption exists; NONE is in the enum but not a valid request. */
    static void requireKms(String encryptionType) {
        if (!"KMS".equals(encryptionType)) {
            throw new InvalidArgumentException("Invalid EncryptionType " + encryptionType + ". Only KMS is supported.");
        }
    }
}
