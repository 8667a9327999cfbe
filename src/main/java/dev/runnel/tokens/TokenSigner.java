package dev.runnel.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes opaque, tamper-proof tokens (shard iterators, pagination tokens): the payload followed by a truncated
 * HMAC-SHA256 over it, in URL-safe Base64 without padding (safe in a query string). Nodes that share the
 * secret accept each other's tokens. Thread-safe.
 */
public final class TokenSigner {

    private static final int MAC_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    /** Keyed at start; each thread uses a copy (cheaper than a lookup and a key schedule per virtual thread). */
    private final Mac prototype;

    private final ThreadLocal<Mac> macs;

    /** @param secret the shared key; when blank a random key is used, valid for this process only */
    public TokenSigner(String secret) {
        byte[] keyBytes;
        if (secret == null || secret.isBlank()) {
            keyBytes = new byte[32];
            new SecureRandom().nextBytes(keyBytes);
        } else {
            keyBytes = secret.getBytes(StandardCharsets.UTF_8);
        }
        this.prototype = newMac(new SecretKeySpec(keyBytes, ALGORITHM));
        this.macs = ThreadLocal.withInitial(this::copy);
    }

    public String sign(byte[] payload) {
        byte[] token = Arrays.copyOf(payload, payload.length + MAC_BYTES);
        System.arraycopy(mac(payload, payload.length), 0, token, payload.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The payload of a token this signer (or one with the same secret) made; empty if altered or malformed. */
    public Optional<byte[]> verify(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < MAC_BYTES) {
            return Optional.empty();
        }
        int length = bytes.length - MAC_BYTES;
        byte[] expected = Arrays.copyOf(mac(bytes, length), MAC_BYTES);
        byte[] actual = Arrays.copyOfRange(bytes, length, bytes.length);
        return MessageDigest.isEqual(expected, actual) ? Optional.of(Arrays.copyOf(bytes, length)) : Optional.empty();
    }

    private byte[] mac(byte[] bytes, int length) {
        Mac mac = macs.get();
        mac.update(bytes, 0, length);
        return mac.doFinal();
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides " + ALGORITHM, e);
        }
    }

    private Mac copy() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + ALGORITHM + " can be copied", e);
        }
    }
}
